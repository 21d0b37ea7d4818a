package dev.weft.interpreter.valid;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.ast.RefType;
import dev.weft.interpreter.ast.ValType;

/**
 * {@code throw}, {@code throw_ref} and {@code try_table}, whose catch clauses are typed against
 * the labels they name (relative to the context outside the {@code try_table}).
 */
final class ExceptionInstructions {
    private static final RefType EXN = new RefType(false, AbsHeapType.EXN);
    private static final ValType[] EXN_ONLY = {EXN};

    private final CodeValidator v;

    ExceptionInstructions(CodeValidator v) {
        this.v = v;
    }

    void validate(Instruction ins) throws InvalidModuleException {
        switch (ins.op()) {
            case THROW -> {
                // Stack switching allows tags with results; throw ignores them.
                int type = v.ctx.tag(((Instruction.Indexed) ins).index());
                v.popExpect(v.types.params(type));
                v.unreachable();
            }
            case THROW_REF -> {
                v.popExpect(RefType.EXNREF);
                v.unreachable();
            }
            case TRY_TABLE -> tryTable((Instruction.TryTable) ins);
            default -> throw new InvalidModuleException("unknown operator " + ins.op());
        }
    }

    private void tryTable(Instruction.TryTable t) throws InvalidModuleException {
        for (Instruction.Catch c : t.catches()) {
            ValType[] label = v.label(c.label()).labelTypes();
            ValType[] payload = payload(c);
            if (!matches(payload, label)) {
                throw new InvalidModuleException("type mismatch: catch clause does not match its label");
            }
        }
        v.enter(Op.TRY_TABLE, t.type());
    }

    private ValType[] payload(Instruction.Catch c) throws InvalidModuleException {
        return switch (c.kind()) {
            case CATCH -> v.types.params(v.ctx.tag(c.tag()));
            case CATCH_REF -> {
                ValType[] p = v.types.params(v.ctx.tag(c.tag()));
                ValType[] withRef = java.util.Arrays.copyOf(p, p.length + 1);
                withRef[p.length] = EXN;
                yield withRef;
            }
            case CATCH_ALL -> ModuleTypes.NONE;
            case CATCH_ALL_REF -> EXN_ONLY;
        };
    }

    private boolean matches(ValType[] values, ValType[] label) {
        if (values.length != label.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!v.types.isSubtype(values[i], label[i])) {
                return false;
            }
        }
        return true;
    }
}
