package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.AbsHeapType;
import dev.weft.interpreter.code.CastTarget;
import dev.weft.interpreter.exec.gc.ArrayObject;
import dev.weft.interpreter.exec.gc.GcObject;
import dev.weft.interpreter.exec.gc.I31Ref;
import dev.weft.interpreter.exec.gc.StructObject;
import dev.weft.interpreter.types.TypeRegistry;

/**
 * Reference casts of the GC proposal over the values Weft has (function references, host
 * references, exception references, i31 references, structs and arrays, the last two by their
 * canonical type id: {@link GcObject}): {@code ref.test}, {@code ref.cast},
 * {@code br_on_cast}, {@code br_on_cast_fail}, the i31 instructions, the extern/any conversions
 * and {@code ref.eq} (which compares i31 references by value).
 *
 * <p>A cast target is one int ({@link CastTarget}). Validation guarantees the
 * operand lies in the target's hierarchy, so a non-null value matches a top type always.
 * Conversions between extern and any are the identity: a host reference internalised and
 * externalised again is the same object, and null stays null.
 */
final class CastOps {
    private CastOps() {}

    /** Whether {@code ref} is an instance of the encoded target (null only if {@code nullable}). */
    static boolean test(Object ref, int target, boolean nullable) {
        if (ref == null) {
            return nullable;
        }
        if (target >= 0) {
            int id = ref instanceof GcObject g ? g.typeId : ref instanceof FunctionInstance f ? f.typeId : -1;
            return id == target || id >= 0 && TypeRegistry.global().isSubtype(id, target);
        }
        return switch (CastTarget.abstractType(target)) {
            case ANY, FUNC, EXTERN, EXN, CONT -> true;
            case EQ -> ref instanceof I31Ref || ref instanceof GcObject;
            case I31 -> ref instanceof I31Ref;
            case STRUCT -> ref instanceof StructObject;
            case ARRAY -> ref instanceof ArrayObject;
            case NONE, NOFUNC, NOEXTERN, NOEXN, NOCONT -> false;
        };
    }

    /** {@code REF_TEST target nullable}: replaces the top reference by 1 or 0. */
    static int refTest(ExecStack st, int[] code, int pc, int sp) {
        int top = sp - 1;
        st.slots[top] = test(st.refs[top], code[pc + 1], code[pc + 2] != 0) ? 1 : 0;
        st.refs[top] = null;
        return sp;
    }

    /** {@code REF_CAST target nullable}: keeps the top reference or traps "cast failure". */
    static int refCast(ExecStack st, int[] code, int pc, int sp) {
        if (!test(st.refs[sp - 1], code[pc + 1], code[pc + 2] != 0)) {
            throw new Trap(TrapKind.CAST_FAILURE);
        }
        return sp;
    }

    /**
     * {@code BR_ON_CAST target arity height castTarget nullable} (and {@code BR_ON_CAST_FAIL},
     * {@code onFail}): branches with the reference when the test gives {@code !onFail}, else
     * falls through keeping it.
     */
    static int brOnCast(ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth,
            boolean onFail) {
        boolean ok = test(st.refs[sp - 1], code[pc + 4], code[pc + 5] != 0);
        if (ok == onFail) {
            return Ext.resumeAt(st, depth, fn, pc + 6, fp, sp);
        }
        int arity = code[pc + 2];
        int dst = fp + code[pc + 3];
        System.arraycopy(st.slots, sp - arity, st.slots, dst, arity);
        System.arraycopy(st.refs, sp - arity, st.refs, dst, arity);
        return Ext.resumeAt(st, depth, fn, code[pc + 1], fp, dst + arity);
    }

    /** {@code ref.i31}: replaces the top i32 by an i31 reference. */
    static int refI31(ExecStack st, int sp) {
        st.refs[sp - 1] = I31Ref.of((int) st.slots[sp - 1]);
        return sp;
    }

    /** {@code i31.get_s} / {@code i31.get_u}: replaces the top i31 reference by its payload. */
    static int i31Get(ExecStack st, int sp, boolean signed) {
        Object r = st.refs[sp - 1];
        if (r == null) {
            throw new Trap(TrapKind.NULL_I31_REFERENCE);
        }
        I31Ref i = (I31Ref) r;
        st.slots[sp - 1] = signed ? i.value() : i.unsigned();
        st.refs[sp - 1] = null;
        return sp;
    }

    /** {@code ref.eq}: 1 if the two top references are the same reference or equal i31s, else 0. */
    static int eq(long[] s, Object[] r, int sp) {
        Object a = r[sp - 2];
        Object b = r[sp - 1];
        s[sp - 2] = a == b || (a instanceof I31Ref x && x.equals(b)) ? 1 : 0;
        r[sp - 2] = null;
        r[sp - 1] = null;
        return sp - 1;
    }
}
