package dev.weft.interpreter;

import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.lower.Lowerer;
import dev.weft.interpreter.lower.UnsupportedInstruction;
import dev.weft.interpreter.valid.ValidatedModule;
import dev.weft.interpreter.valid.Validator;

/** A validated module with every function lowered to internal code; instantiate it with a {@link Linker}. */
public final class CompiledModule {
    private final ValidatedModule validated;
    private final CompiledFunction[] functions;

    private CompiledModule(ValidatedModule validated, CompiledFunction[] functions) {
        this.validated = validated;
        this.functions = functions;
    }

    /** Validates and lowers {@code module}. */
    public static CompiledModule compile(Module module) throws InvalidModuleException {
        return of(Validator.validate(module));
    }

    /** Lowers an already validated module. */
    public static CompiledModule of(ValidatedModule validated) throws InvalidModuleException {
        return of(validated, true);
    }

    /** Lowered without peephole fusion: for tests that check the fused forms against the plain ones. */
    static CompiledModule unfused(Module module) throws InvalidModuleException {
        return of(Validator.validate(module), false);
    }

    private static CompiledModule of(ValidatedModule validated, boolean fuse) throws InvalidModuleException {
        try {
            return new CompiledModule(validated, Lowerer.lowerAll(validated, fuse));
        } catch (UnsupportedInstruction e) {
            throw new InvalidModuleException(e.getMessage());
        }
    }

    public ValidatedModule validated() {
        return validated;
    }

    public Module module() {
        return validated.module();
    }

    /** The lowered code of defined function {@code index} (imports not counted). */
    public CompiledFunction function(int index) {
        return functions[index];
    }

    CompiledFunction[] functions() {
        return functions;
    }
}
