package dev.weft.interpreter.lower;

import static dev.weft.interpreter.code.Opcodes.EXT;

import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.code.ExtOps;
import dev.weft.interpreter.code.GcLayout;

/**
 * Lowers the struct and array instructions to {@code EXT} sub-opcodes run by {@code exec.GcOps}.
 * Allocations keep the module's type index (the instance maps it to a layout and a canonical
 * id); field accesses are resolved here to the field's slot and, for the numeric/reference
 * and packed cases, to separate sub-opcodes, so nothing about the type is looked up at run time.
 * A v128 field or element (two operand slots) has its own get/set/fill sub-opcodes; the
 * allocations find it in the layout.
 */
final class GcLowering {
    private final Lowerer lowerer;
    private final CodeBuffer out;

    GcLowering(Lowerer lowerer, CodeBuffer out) {
        this.lowerer = lowerer;
        this.out = out;
    }

    /** Whether {@code op} is a struct or array instruction. */
    static boolean handles(Op op) {
        return op.ordinal() >= Op.STRUCT_NEW.ordinal() && op.ordinal() <= Op.ARRAY_INIT_ELEM.ordinal();
    }

    void lower(Instruction ins) {
        Op op = ins.op();
        if (ins instanceof Instruction.Indexed2 x) {
            indexed2(op, x.first(), x.second());
        } else if (ins instanceof Instruction.Indexed x) {
            indexed(op, x.index());
        } else {
            ext(ExtOps.ARRAY_LEN);
        }
    }

    private void indexed(Op op, int type) {
        GcLayout layout = lowerer.gcLayout(type);
        boolean ref = layout.fields() == 1 && layout.kind(0) == GcLayout.REF;
        boolean v128 = layout.fields() == 1 && layout.kind(0) == GcLayout.V128;
        switch (op) {
            case STRUCT_NEW -> ext(ExtOps.STRUCT_NEW).emit(type);
            case STRUCT_NEW_DEFAULT -> ext(ExtOps.STRUCT_NEW_DEFAULT).emit(type);
            case ARRAY_NEW -> ext(ExtOps.ARRAY_NEW).emit(type);
            case ARRAY_NEW_DEFAULT -> ext(ExtOps.ARRAY_NEW_DEFAULT).emit(type);
            case ARRAY_GET, ARRAY_GET_S -> ext(ref ? ExtOps.ARRAY_GET_REF : v128 ? ExtOps.ARRAY_GET_V128 : ExtOps.ARRAY_GET);
            case ARRAY_GET_U -> ext(ExtOps.ARRAY_GET_U);
            case ARRAY_SET -> ext(ref ? ExtOps.ARRAY_SET_REF : v128 ? ExtOps.ARRAY_SET_V128 : ExtOps.ARRAY_SET);
            case ARRAY_FILL -> ext(v128 ? ExtOps.ARRAY_FILL_V128 : ExtOps.ARRAY_FILL);
            default -> throw InstructionLowering.unsupported(op);
        }
    }

    private void indexed2(Op op, int type, int second) {
        GcLayout layout = lowerer.gcLayout(type);
        switch (op) {
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> structGet(op, layout, second);
            case STRUCT_SET -> ext(switch (layout.kind(second)) {
                case GcLayout.REF -> ExtOps.STRUCT_SET_REF;
                case GcLayout.V128 -> ExtOps.STRUCT_SET_V128;
                default -> ExtOps.STRUCT_SET;
            }).emit(layout.slot(second));
            case ARRAY_NEW_FIXED -> ext(ExtOps.ARRAY_NEW_FIXED).emit(type).emit(second);
            case ARRAY_NEW_DATA -> ext(ExtOps.ARRAY_NEW_DATA).emit(type).emit(second);
            case ARRAY_NEW_ELEM -> ext(ExtOps.ARRAY_NEW_ELEM).emit(type).emit(second);
            case ARRAY_COPY -> ext(ExtOps.ARRAY_COPY);
            case ARRAY_INIT_DATA -> ext(ExtOps.ARRAY_INIT_DATA).emit(second);
            case ARRAY_INIT_ELEM -> ext(ExtOps.ARRAY_INIT_ELEM).emit(second);
            default -> throw InstructionLowering.unsupported(op);
        }
    }

    private void structGet(Op op, GcLayout layout, int field) {
        int kind = layout.kind(field);
        int slot = layout.slot(field);
        switch (op) {
            case STRUCT_GET -> ext(switch (kind) {
                case GcLayout.REF -> ExtOps.STRUCT_GET_REF;
                case GcLayout.V128 -> ExtOps.STRUCT_GET_V128;
                default -> ExtOps.STRUCT_GET;
            }).emit(slot);
            case STRUCT_GET_S -> ext(ExtOps.STRUCT_GET_S).emit(slot).emit(packedBits(kind));
            default -> ext(ExtOps.STRUCT_GET_U).emit(slot).emit(packedBits(kind));
        }
    }

    private static int packedBits(int kind) {
        return kind == GcLayout.I8 ? 8 : 16;
    }

    private CodeBuffer ext(int subop) {
        out.op(EXT);
        out.emit(subop);
        return out;
    }
}
