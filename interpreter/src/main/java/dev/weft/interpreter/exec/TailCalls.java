package dev.weft.interpreter.exec;

import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.code.CompiledFunction;
import dev.weft.interpreter.exec.switching.StackValues;

/**
 * {@code return_call}, {@code return_call_indirect} and {@code return_call_ref}: the callee
 * replaces the caller's frame. Its arguments move down to the caller's fp and the frame depth
 * stays the same, so a tail-recursive loop runs in constant stack space. A tail call to a host
 * function runs it and returns its results from the calling function.
 */
final class TailCalls {
    private TailCalls() {}

    /** {@code return_call_indirect}: immediates (canonical type, table) follow the sub-opcode. */
    static int callIndirect(ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp,
            int depth) {
        FunctionInstance f = TableOps.indirect(fn.instance.tables[code[pc + 2]], st.slots[sp - 1], code[pc + 1]);
        return call(st, fn, f, fp, sp - 1, depth);
    }

    /** Replaces the frame of {@code fn} at {@code fp} by a call of {@code f}, whose arguments end at sp. */
    static int call(ExecStack st, FunctionInstance fn, FunctionInstance f, int fp, int sp, int depth) {
        CompiledFunction c = Hotness.codeForCall(f);
        if (c == null) {
            return callHost(st, f, fn, fp, sp, depth);
        }
        st.reserve(fp + c.frameSize());
        System.arraycopy(st.slots, sp - c.numParams, st.slots, fp, c.numParams);
        System.arraycopy(st.refs, sp - c.numParams, st.refs, fp, c.numParams);
        Calls.zeroLocals(st.slots, st.refs, fp + c.numParams, fp + c.numLocals);
        return Ext.resumeAt(st, depth, f, 0, fp, fp + c.numLocals);
    }

    /** Runs host function {@code f} and returns its results from the current frame. */
    private static int callHost(ExecStack st, FunctionInstance f, FunctionInstance fn, int fp, int sp, int depth) {
        int base = sp - f.paramSlots;
        Value[] args = StackValues.read(st, base, f.type.params());
        st.sp = sp;
        st.depth = depth;
        Value[] results;
        HostControl.Request request = null;
        try {
            if (f.switching == null) {
                results = Calls.invokeHost(f, fn.instance.caller, args);
            } else {
                switch (Calls.invokeSwitching(f, fn.instance.caller, args)) {
                    case HostControl.Values v -> results = Calls.valuesOf(v);
                    case HostControl.Request q -> {
                        results = null;
                        request = q;
                    }
                }
            }
        } catch (WasmException e) {
            return ExceptionOps.unwindCaller(st, e, depth);
        }
        if (request != null) {
            st.depth = depth;
            st.sp = fp;
            return HostRequests.perform(st, f, fp, request);
        }
        Calls.checkResults(f, results);
        st.reserve(fp + f.resultSlots);
        StackValues.write(st, fp, results);
        st.sp = fp + f.resultSlots;
        return depth;
    }
}
