package dev.weft.interpreter.exec;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;

/** Typed function references: {@code ref.as_non_null}, {@code br_on_null}, {@code ref.eq}, callees. */
final class RefOps {
    private RefOps() {}

    /** The function a {@code call_ref} calls, or the trap "null function reference". */
    static FunctionInstance callee(Object ref) {
        if (ref == null) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        return (FunctionInstance) ref;
    }

    /** Traps "null reference" if the top is null; returns sp (unchanged). */
    static int asNonNull(Object[] r, int sp) {
        if (r[sp - 1] == null) {
            throw new Trap(TrapKind.NULL_REFERENCE);
        }
        return sp;
    }

    /** Replaces the two top references by 1 if they are the same reference, else 0. */
    static int eq(long[] s, Object[] r, int sp) {
        s[sp - 2] = r[sp - 2] == r[sp - 1] ? 1 : 0;
        r[sp - 2] = null;
        r[sp - 1] = null;
        return sp - 1;
    }

    /** {@code br_on_null}: branches without the reference if it is null, else keeps it. */
    static int brOnNull(ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        if (st.refs[sp - 1] != null) {
            return Ext.resumeAt(st, depth, fn, pc + 4, fp, sp);
        }
        return branch(st, fn, code, pc, fp, sp - 1, depth);
    }

    /** {@code br_on_non_null}: branches with the reference if it is not null, else drops it. */
    static int brOnNonNull(ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        if (st.refs[sp - 1] == null) {
            return Ext.resumeAt(st, depth, fn, pc + 4, fp, sp - 1);
        }
        return branch(st, fn, code, pc, fp, sp, depth);
    }

    /** Takes the branch whose (target, arity, height) follow the sub-opcode at {@code pc}. */
    private static int branch(ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        int arity = code[pc + 2];
        int dst = fp + code[pc + 3];
        System.arraycopy(st.slots, sp - arity, st.slots, dst, arity);
        System.arraycopy(st.refs, sp - arity, st.refs, dst, arity);
        return Ext.resumeAt(st, depth, fn, code[pc + 1], fp, dst + arity);
    }
}
