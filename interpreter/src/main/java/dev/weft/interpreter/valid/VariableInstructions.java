package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.GlobalType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.ValType;

/**
 * {@code local.get/set/tee} (with the initialisation rule for non-defaultable locals) and
 * {@code global.get/set}.
 */
final class VariableInstructions {
    private final CodeValidator v;

    VariableInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        int x = ((Instruction.Indexed) ins).index();
        switch (ins.op()) {
            case LOCAL_GET -> {
                ValType t = v.local(x);
                v.checkInitialized(x);
                v.push(t);
            }
            case LOCAL_SET -> {
                v.popExpect(v.local(x));
                v.markInitialized(x);
            }
            case LOCAL_TEE -> {
                ValType t = v.local(x);
                v.popExpect(t);
                v.markInitialized(x);
                v.push(t);
            }
            case GLOBAL_GET -> v.push(global(x).type());
            case GLOBAL_SET -> {
                GlobalType g = global(x);
                if (!g.mutable()) {
                    throw new InvalidModuleException("immutable global " + x);
                }
                v.popExpect(g.type());
            }
            default -> throw new IllegalStateException("internal: not a variable op " + ins.op());
        }
    }

    private GlobalType global(int x) throws InvalidModuleException {
        if (x >= v.globalLimit && x < v.ctx.globals.length) {
            throw new InvalidModuleException("unknown global " + x);
        }
        GlobalType g = v.ctx.global(x);
        if (v.constant && g.mutable()) {
            throw new InvalidModuleException("constant expression required");
        }
        return g;
    }
}
