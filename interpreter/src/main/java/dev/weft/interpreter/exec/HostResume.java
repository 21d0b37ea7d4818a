package dev.weft.interpreter.exec;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationStats;
import dev.weft.continuations.HandlerTable;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.ValType;
import dev.weft.interpreter.exec.switching.Chunk;
import dev.weft.interpreter.exec.switching.HostOutcome;
import dev.weft.interpreter.exec.switching.StackSwitcher;
import dev.weft.interpreter.exec.switching.StackValues;
import dev.weft.interpreter.exec.switching.SwitchStack;
import java.util.List;

/**
 * Continuations driven from Java: create one from a function, resume it with arguments on a
 * new barrier stack whose link handles the given tags, and observe its results or its
 * suspension. The suspension's handler is the barrier itself (label
 * {@link StackSwitcher#HOST_LABEL}), so the dispatch loop simply returns to here. Also runs continuations whose function is a
 * host function. Used by {@link dev.weft.interpreter.Continuation}.
 */
public final class HostResume {
    private HostResume() {}

    /** Checks arguments for a resume as {@link dev.weft.interpreter.WasmFunction#call} checks a call's. */
    public static void checkArguments(List<ValType> params, Value[] args) {
        Calls.checkArguments(params, args);
    }

    /** A fresh continuation of {@code f} (nothing runs). */
    public static ContRef create(FunctionInstance f) {
        return StackContext.current().model.create(f);
    }

    /** The counters of the current thread's continuation model. */
    public static ContinuationStats stats() {
        return StackContext.current().model.stats();
    }

    /**
     * Resumes {@code k} with {@code args}, handling suspensions to any of {@code tags}; the
     * continuation's results have {@code results} types.
     *
     * @throws dev.weft.interpreter.Trap on a trap (including null/consumed continuations)
     * @throws WasmException            when an exception leaves the continuation
     * @throws dev.weft.interpreter.UnhandledSuspension for a suspension to another tag
     */
    public static HostOutcome resume(ContRef k, List<? extends Tag> tags, Value[] args, List<ValType> results) {
        StackContext cx = StackContext.current();
        ExecStack caller = cx.runningStack();
        ExecStack root = cx.enterRoot();
        StackSwitcher.takeCaught(root);
        try {
            int n = StackValues.slotCount(args);
            root.reserve(n);
            StackValues.write(root, 0, args);
            SwitchStack top = cx.resumeOnly(root, k, hostHandlers(tags));
            root.sp = 0;
            root.depth = 0;
            cx.enter(top, cx.model.lastFresh(), cx.model.lastBound(), root, 0, n, null);
            if (cx.running != root) {
                Interpreter.run(cx, cx.runningStack());
            }
            HostOutcome caught = StackSwitcher.takeCaught(root);
            if (caught != null) {
                return caught;
            }
            return new HostOutcome(StackValues.read(root, 0, results), null, null);
        } catch (StackOverflowError e) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED, "Java stack overflow in host calls");
        } finally {
            cx.leaveRoot(root, caller);
        }
    }

    /** Handlers that bring suspensions to any of {@code tags} back to Java ({@link StackSwitcher#HOST_LABEL}). */
    static HandlerTable hostHandlers(List<? extends Tag> tags) {
        HandlerTable.Builder b = HandlerTable.builder();
        for (Tag t : tags) {
            b.onSuspend(t, StackSwitcher.HOST_LABEL);
        }
        return b.build();
    }

    /**
     * Starts a continuation whose function is a host function: calls it with the bound values,
     * the {@code n} slots of {@code from} at {@code argBase} and {@code last}; it returns (or
     * throws) at once. Returns the depth to continue at on the parent.
     */
    static int callHostEntry(StackContext cx, ExecStack t, FunctionInstance f, BoundArgs bound,
            SwitchStack from, int argBase, int n, Object last) {
        int need = Math.max(Chunk.slots(bound) + n + 1, f.resultSlots);
        t.reserve(need);
        int p = Chunk.write(t, 0, bound);
        System.arraycopy(from.slots, argBase, t.slots, p, n);
        System.arraycopy(from.refs, argBase, t.refs, p, n);
        if (last != null) {
            t.refs[p + n] = last;
        }
        Value[] args = StackValues.read(t, 0, f.type.params());
        Value[] results;
        try {
            results = Calls.invokeHostDirect(f, InstanceCaller.NONE, args);
        } catch (WasmException e) {
            return ExceptionOps.unwindSaved((ExecStack) cx.thrown(t), e);
        }
        Calls.checkResults(f, results);
        StackValues.write(t, 0, results);
        return cx.returned(t, 0, f.resultSlots);
    }
}
