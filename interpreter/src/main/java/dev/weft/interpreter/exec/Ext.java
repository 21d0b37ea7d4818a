package dev.weft.interpreter.exec;

import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.code.ExtOps;

/**
 * Runs one {@link Opcodes#EXT} instruction for the dispatch loop. The loop hands over its
 * state (function, pc of the sub-opcode, fp, sp, frame depth); the handler leaves its result as
 * a frame to continue in: it pushes (pc, fp, function) onto the frame stack, stores sp in
 * {@link ExecStack#sp} and returns the new depth, and the loop then pops that frame exactly as
 * it does on a return. So a handler may change anything (the pc, the frame, the function) while
 * the loop keeps a single reload path. Returning the current depth without pushing means "the
 * current function returns" (its results are at fp).
 */
final class Ext {
    private Ext() {}

    /** Executes the EXT instruction whose sub-opcode is at {@code code[pc]}; returns the new depth. */
    static int run(StackContext cx, ExecStack st, FunctionInstance fn, int pc, int fp, int sp, int depth) {
        Meter.tick(fn.meter); // a branch, call or throw here may close a loop
        int[] code = fn.lowered.code;
        return switch (code[pc]) {
            case ExtOps.RETURN_CALL -> TailCalls.call(st, fn, fn.instance.functions[code[pc + 1]], fp, sp, depth);
            case ExtOps.RETURN_CALL_INDIRECT -> TailCalls.callIndirect(st, fn, code, pc, fp, sp, depth);
            case ExtOps.RETURN_CALL_REF -> TailCalls.call(st, fn, RefOps.callee(st.refs[sp - 1]), fp, sp - 1, depth);
            case ExtOps.REF_AS_NON_NULL -> resumeAt(st, depth, fn, pc + 1, fp, RefOps.asNonNull(st.refs, sp));
            case ExtOps.BR_ON_NULL -> RefOps.brOnNull(st, fn, code, pc, fp, sp, depth);
            case ExtOps.BR_ON_NON_NULL -> RefOps.brOnNonNull(st, fn, code, pc, fp, sp, depth);
            case ExtOps.REF_EQ -> resumeAt(st, depth, fn, pc + 1, fp, CastOps.eq(st.slots, st.refs, sp));
            case ExtOps.THROW -> ExceptionOps.throwTag(st, fn, code[pc + 1], pc, fp, sp, depth);
            case ExtOps.THROW_REF -> ExceptionOps.throwRef(st, fn, pc, fp, sp, depth);
            case ExtOps.CONT_NEW -> ContOps.contNew(cx, st, fn, pc, fp, sp, depth);
            case ExtOps.CONT_BIND -> ContOps.contBind(cx, st, fn, code, pc, fp, sp, depth);
            case ExtOps.RESUME_THROW -> ContOps.resumeThrow(cx, st, fn, code, pc, fp, sp, depth);
            case ExtOps.RESUME_THROW_REF -> ContOps.resumeThrowRef(cx, st, fn, code, pc, fp, sp, depth);
            case ExtOps.SWITCH -> ContOps.switchTo(cx, st, fn, code, pc, fp, sp, depth);
            case ExtOps.REF_TEST -> resumeAt(st, depth, fn, pc + 3, fp, CastOps.refTest(st, code, pc, sp));
            case ExtOps.REF_CAST -> resumeAt(st, depth, fn, pc + 3, fp, CastOps.refCast(st, code, pc, sp));
            case ExtOps.BR_ON_CAST -> CastOps.brOnCast(st, fn, code, pc, fp, sp, depth, false);
            case ExtOps.BR_ON_CAST_FAIL -> CastOps.brOnCast(st, fn, code, pc, fp, sp, depth, true);
            case ExtOps.REF_I31 -> resumeAt(st, depth, fn, pc + 1, fp, CastOps.refI31(st, sp));
            case ExtOps.I31_GET_S -> resumeAt(st, depth, fn, pc + 1, fp, CastOps.i31Get(st, sp, true));
            case ExtOps.I31_GET_U -> resumeAt(st, depth, fn, pc + 1, fp, CastOps.i31Get(st, sp, false));
            case ExtOps.CALL_REF -> call(st, RefOps.callee(st.refs[sp - 1]), fn, pc + 1, fp, sp - 1, depth);
            case ExtOps.SIMD -> resumeAt(st, depth, fn, pc + 1 + VectorOps.IMMEDIATES, fp, VectorOps.run(st, fn.instance, code, pc, sp));
            case ExtOps.SELECT_V128 -> resumeAt(st, depth, fn, pc + 1, fp, VectorOps.select(st.slots, sp));
            case ExtOps.GLOBAL_GET_V128 -> resumeAt(st, depth, fn, pc + 2, fp, VectorOps.globalGet(st.slots, sp, fn.instance.globals[code[pc + 1]]));
            case ExtOps.GLOBAL_SET_V128 -> resumeAt(st, depth, fn, pc + 2, fp, VectorOps.globalSet(st.slots, sp, fn.instance.globals[code[pc + 1]]));
            default -> GcOps.handles(code[pc])
                    ? resumeAt(st, depth, fn, pc + 1 + GcOps.immediates(code[pc]), fp, GcOps.run(st, fn.instance, code, pc, sp))
                    : resumeAt(st, depth, fn, pc + 1 + bulkImmediates(code[pc]), fp, bulk(st, fn.instance, code, pc, sp));
        };
    }

    /** Runs a table, segment or memory-size instruction ({@code ExtOps.TABLE_GET} .. {@code MEMORY_GROW}); returns the new sp. */
    private static int bulk(ExecStack st, ModuleInstance inst, int[] code, int pc, int sp) {
        long[] s = st.slots;
        Object[] r = st.refs;
        int a = code[pc + 1];
        switch (code[pc]) {
            case ExtOps.TABLE_GET -> TableOps.get(s, r, sp, inst.tables[a]);
            case ExtOps.TABLE_SET -> sp = TableOps.set(s, r, sp, inst.tables[a]);
            case ExtOps.TABLE_SIZE -> s[sp++] = inst.tables[a].size();
            case ExtOps.TABLE_GROW -> sp = TableOps.grow(s, r, sp, inst.tables[a]);
            case ExtOps.TABLE_FILL -> sp = TableOps.fill(s, r, sp, inst.tables[a]);
            case ExtOps.TABLE_COPY -> sp = TableOps.copy(s, sp, inst, a, code[pc + 2]);
            case ExtOps.TABLE_INIT -> sp = TableOps.init(s, sp, inst, a, code[pc + 2]);
            case ExtOps.ELEM_DROP -> inst.elements[a] = TableOps.EMPTY;
            case ExtOps.MEMORY_INIT -> sp = MemoryOps.init(s, sp, inst, a, code[pc + 2]);
            case ExtOps.DATA_DROP -> inst.data[a] = MemoryOps.EMPTY;
            case ExtOps.MEMORY_SIZE -> s[sp++] = inst.memories[a].pages();
            case ExtOps.MEMORY_GROW -> s[sp - 1] = MemoryOps.grow(inst.memories[a], s[sp - 1]);
            default -> throw new IllegalStateException("internal: bad EXT sub-opcode " + code[pc] + " at " + pc);
        }
        return sp;
    }

    private static int bulkImmediates(int subop) {
        return switch (subop) {
            case ExtOps.TABLE_COPY, ExtOps.TABLE_INIT, ExtOps.MEMORY_INIT -> 2;
            default -> 1;
        };
    }

    /**
     * Calls {@code f}, whose arguments end at {@code sp}, from {@code fn} returning to
     * {@code pc}: pushes the caller's frame as the CALL case does, then continues in {@code f}.
     */
    static int call(ExecStack st, FunctionInstance f, FunctionInstance fn, int pc, int fp, int sp,
            int depth) {
        CompiledFunction c = Hotness.codeForCall(f);
        if (c == null) {
            return Calls.callHost(st, f, fn, pc, fp, sp, depth);
        }
        int nfp = sp - c.numParams;
        int nsp = nfp + c.numLocals;
        if (nsp + c.maxStack > st.touched || depth >= st.frameFns.length || depth >= st.maxDepth) {
            st.grow(nsp + c.maxStack, depth);
        }
        st.frames[2 * depth] = pc;
        st.frames[2 * depth + 1] = fp;
        st.frameFns[depth] = fn;
        Calls.zeroLocals(st.slots, st.refs, sp, nsp);
        return resumeAt(st, depth + 1, f, 0, nfp, nsp);
    }

    /**
     * Makes the loop continue in {@code fn} at {@code pc} with frame pointer {@code fp} and
     * stack pointer {@code sp}: pushes that frame and returns the depth to hand back.
     */
    static int resumeAt(ExecStack st, int depth, FunctionInstance fn, int pc, int fp, int sp) {
        if (depth >= st.frameFns.length) {
            st.growForTransientFrame(depth);
        }
        st.frames[2 * depth] = pc;
        st.frames[2 * depth + 1] = fp;
        st.frameFns[depth] = fn;
        st.sp = sp;
        return depth + 1;
    }
}
