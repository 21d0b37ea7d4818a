package dev.weft.wasi;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Extern;
import dev.weft.interpreter.Instance;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.ModuleException;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.UninstantiableException;
import dev.weft.interpreter.WasmFunction;
import dev.weft.interpreter.ast.Module;
import java.util.function.Consumer;

/**
 * Runs a WASI command module: defines WASI (with ENOSYS stubs for functions it lacks),
 * instantiates, binds, calls {@code _start} and turns {@code proc_exit} into the exit code.
 */
public final class WasiCommand {
    private WasiCommand() {}

    /**
     * Runs {@code module} with {@code config}.
     *
     * @return the code passed to {@code proc_exit}, or 0 when {@code _start} returns
     * @throws ModuleException          the module is invalid or cannot be linked or instantiated
     * @throws Trap                     the program trapped
     * @throws IllegalArgumentException the module has no {@code _start} function or no memory export
     */
    public static int run(Module module, WasiConfig config) throws ModuleException {
        return run(new Linker(), CompiledModule.compile(module), config);
    }

    /** Runs {@code module} with {@code config}, linking its other imports from {@code linker}. */
    public static int run(Linker linker, CompiledModule module, WasiConfig config) throws ModuleException {
        return run(linker, module, config, instance -> {});
    }

    /**
     * As {@link #run(Linker, CompiledModule, WasiConfig)}; {@code bind} is given the instance
     * before {@code _start} runs (for host modules that need its exports, like WASI itself).
     */
    public static int run(Linker linker, CompiledModule module, WasiConfig config, Consumer<Instance> bind)
            throws ModuleException {
        try (Wasi wasi = Wasi.define(linker, config).defineStubs(linker, module.module())) {
            Instance instance = linker.instantiate(module);
            wasi.bind(instance);
            bind.accept(instance);
            start(instance).call();
            return 0;
        } catch (Trap | UninstantiableException e) {
            WasiExit exit = WasiExit.find(e);
            if (exit == null) {
                throw e;
            }
            return exit.code();
        }
    }

    private static WasmFunction start(Instance instance) {
        Extern start = instance.export("_start");
        if (start instanceof WasmFunction f && f.type().params().isEmpty()) {
            return f;
        }
        throw new IllegalArgumentException("a WASI command must export a function \"_start\" without parameters");
    }
}
