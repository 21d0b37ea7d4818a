package dev.weft.interpreter.lower;

import dev.weft.interpreter.ast.DataSegment;
import dev.weft.interpreter.ast.ElementSegment;
import dev.weft.interpreter.ast.Expression;
import dev.weft.interpreter.ast.Instruction;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.ast.Op;
import dev.weft.interpreter.valid.ValidatedModule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The instructions instantiation can evaluate in constant expressions (global initialisers,
 * segment offsets and items, table initialisers): constants, {@code ref.null}, {@code ref.func},
 * {@code global.get}, the extended-const integer add/sub/mul, {@code ref.i31}, the
 * extern/any conversions and the struct/array allocations. {@code exec.ConstEval} evaluates exactly these.
 */
final class ConstExprCheck {
    private ConstExprCheck() {}

    private static final Set<Op> SUPPORTED = EnumSet.of(
            Op.I32_CONST, Op.I64_CONST, Op.F32_CONST, Op.F64_CONST, Op.V128_CONST, Op.REF_NULL, Op.REF_FUNC,
            Op.GLOBAL_GET, Op.END, Op.I32_ADD, Op.I32_SUB, Op.I32_MUL, Op.I64_ADD, Op.I64_SUB, Op.I64_MUL,
            Op.REF_I31, Op.ANY_CONVERT_EXTERN, Op.EXTERN_CONVERT_ANY, Op.STRUCT_NEW, Op.STRUCT_NEW_DEFAULT,
            Op.ARRAY_NEW, Op.ARRAY_NEW_DEFAULT, Op.ARRAY_NEW_FIXED);

    /**
     * Checks at compile time that every constant expression of {@code m} can be evaluated, so
     * instantiation never meets an instruction it cannot run.
     */
    static void checkSupported(ValidatedModule vm) {
        Module m = vm.module();
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
                    throw new UnsupportedInstruction(ins.op());
                }
            }
        }
    }
}
