package dev.weft.interpreter.exec;

import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates constant expressions (global initialisers, segment offsets and items, table
 * initialisers): constants, {@code ref.null}, {@code ref.func}, {@code global.get} and the
 * extended-const integer add/sub/mul.
 */
final class ConstEval {
    private ConstEval() {}

    private static final Set<Op> SUPPORTED = EnumSet.of(
            Op.I32_CONST, Op.I64_CONST, Op.F32_CONST, Op.F64_CONST, Op.REF_NULL, Op.REF_FUNC,
            Op.GLOBAL_GET, Op.END, Op.I32_ADD, Op.I32_SUB, Op.I32_MUL, Op.I64_ADD, Op.I64_SUB, Op.I64_MUL,
            Op.REF_I31, Op.ANY_CONVERT_EXTERN, Op.EXTERN_CONVERT_ANY);

    /**
     * Checks at compile time that every constant expression of {@code m} can be evaluated, so
     * instantiation never meets an instruction it cannot run.
     */
    static void checkSupported(Module m) {
        List<Expression> all = new ArrayList<>();
        m.globals().forEach(g -> all.add(g.init()));
        m.tables().stream().filter(t -> t.init() != null).forEach(t -> all.add(t.init()));
        for (var seg : m.elements()) {
            all.addAll(seg.items());
            if (seg.mode() instanceof ElementSegment.Active a) {
                all.add(a.offset());
            }
        }
        for (var seg : m.data()) {
            if (seg.mode() instanceof DataSegment.Active a) {
                all.add(a.offset());
            }
        }
        for (Expression e : all) {
            for (Instruction ins : e.instructions()) {
                if (!SUPPORTED.contains(ins.op())) {
                    throw InstructionLowering.unsupported(ins.op());
                }
            }
        }
    }

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
                case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY, END -> { }
                default -> throw InstructionLowering.unsupported(ins.op());
            }
        }
        return new Slot(s[0], r[0]);
    }
}
