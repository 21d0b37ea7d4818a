package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;

/**
 * Evaluates constant expressions (global initialisers, segment offsets and items, table
 * initialisers) with the instructions lowering admitted ({@code lower.ConstExprCheck}), including
 * the allocating struct and array instructions ({@link GcOps}).
 */
final class ConstEval {
    private ConstEval() {}

    /** The value's bits (numbers) and reference, as the two halves of a slot. */
    record Slot(long bits, Object ref) {}

    static Slot eval(Expression e, ModuleInstance inst) {
        int n = e.instructions().size();
        long[] s = new long[n];
        Object[] r = new Object[n];
        int sp = 0;
        for (Instruction ins : e.instructions()) {
            switch (ins.op()) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> s[sp++] = ((Instruction.Const) ins).bits();
                case V128_CONST -> { // a v128 global keeps its high 64 bits as a Long in ref
                    s[sp] = ((Instruction.Vector) ins).low();
                    r[sp++] = ((Instruction.Vector) ins).high();
                }
                case REF_NULL -> r[sp++] = null;
                case REF_FUNC -> r[sp++] = inst.functions[((Instruction.Indexed) ins).index()];
                case GLOBAL_GET -> {
                    GlobalInstance g = inst.globals[((Instruction.Indexed) ins).index()];
                    s[sp] = g.bits;
                    r[sp++] = g.ref;
                }
                case I32_ADD -> s[sp - 2] = (int) s[sp - 2] + (int) s[--sp];
                case I32_SUB -> s[sp - 2] = (int) s[sp - 2] - (int) s[--sp];
                case I32_MUL -> s[sp - 2] = (int) s[sp - 2] * (int) s[--sp];
                case I64_ADD -> s[sp - 2] = s[sp - 2] + s[--sp];
                case I64_SUB -> s[sp - 2] = s[sp - 2] - s[--sp];
                case I64_MUL -> s[sp - 2] = s[sp - 2] * s[--sp];
                case REF_I31 -> r[sp - 1] = I31Ref.of((int) s[sp - 1]);
                case STRUCT_NEW -> sp = GcOps.structNew(s, r, sp, inst, index(ins));
                case STRUCT_NEW_DEFAULT -> sp = GcOps.structNewDefault(r, sp, inst, index(ins));
                case ARRAY_NEW -> sp = GcOps.arrayNew(s, r, sp, inst, index(ins));
                case ARRAY_NEW_DEFAULT -> sp = GcOps.arrayNewDefault(s, r, sp, inst, index(ins));
                case ARRAY_NEW_FIXED -> {
                    Instruction.Indexed2 x = (Instruction.Indexed2) ins;
                    sp = GcOps.arrayNewFixed(s, r, sp, inst, x.first(), x.second());
                }
                case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, END -> { }
                default -> throw new IllegalStateException("internal: constant expression not checked by lowering: " + ins.op());
            }
        }
        return new Slot(s[0], r[0]);
    }

    private static int index(Instruction ins) {
        return ((Instruction.Indexed) ins).index();
    }
}
