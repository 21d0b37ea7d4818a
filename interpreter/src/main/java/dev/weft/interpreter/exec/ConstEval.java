package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.NumType;
import dev.weft.interpreter.exec.gc.I31Ref;

/**
 * Evaluates constant expressions (global initialisers, segment offsets and items, table
 * initialisers) with the instructions lowering admitted ({@code lower.ConstExprCheck}), including
 * the allocating struct and array instructions ({@link GcOps}). The stack holds values as the
 * interpreter's operand stack does, a v128 in two slots (low half first), so those instructions
 * take v128 fields and elements as in code; a v128 result leaves as a global keeps it (high
 * half as a {@code Long} in the reference).
 */
final class ConstEval {
    private ConstEval() {}

    /** The value's bits (numbers) and reference, as the two halves of a slot. */
    record Slot(long bits, Object ref) {}

    static Slot eval(Expression e, ModuleInstance inst) {
        int n = e.instructions().size();
        long[] s = new long[2 * n]; // each instruction pushes at most one value, at most two slots
        Object[] r = new Object[2 * n];
        int sp = 0;
        for (Instruction ins : e.instructions()) {
            switch (ins.op()) {
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST -> s[sp++] = ((Instruction.Const) ins).bits();
                case V128_CONST -> {
                    s[sp++] = ((Instruction.Vector) ins).low();
                    s[sp++] = ((Instruction.Vector) ins).high();
                }
                case REF_NULL -> r[sp++] = null;
                case REF_FUNC -> r[sp++] = inst.functions[((Instruction.Indexed) ins).index()];
                case GLOBAL_GET -> {
                    GlobalInstance g = inst.globals[((Instruction.Indexed) ins).index()];
                    s[sp] = g.bits;
                    if (g.type().type() == NumType.V128) { // a v128 global keeps its high 64 bits as a Long in ref
                        s[++sp] = g.ref instanceof Long hi ? hi : 0;
                    } else {
                        r[sp] = g.ref;
                    }
                    sp++;
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
        return sp == 2 ? new Slot(s[0], s[1]) : new Slot(s[0], r[0]); // a valid expression leaves one value
    }

    private static int index(Instruction ins) {
        return ((Instruction.Indexed) ins).index();
    }
}
