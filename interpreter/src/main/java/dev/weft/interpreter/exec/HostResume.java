package dev.weft.interpreter.exec;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationException;
import dev.weft.continuations.ContinuationStats;
import dev.weft.continuations.HandlerTable;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.ValType;
import java.util.List;

/**
 * Continuations driven from Java: create one from a function, resume it with arguments on a
 * new barrier stack whose link handles the given tags, and observe its results or its
 * suspension. The suspension's handler is the barrier itself (label {@link ContOps#HOST_LABEL}),
 * so the dispatch loop simply returns to here. Also runs continuations whose function is a
 * host function. Used by {@link dev.weft.interpreter.Continuation}.
 */
public final class HostResume {
    private HostResume() {}

    /** What one resume from Java ended with: results, or a suspension (tag non-null). */
    public record Outcome(Value[] values, Tag tag, ContRef next) {}


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
    public static Outcome resume(ContRef k, List<? extends Tag> tags, Value[] args, List<ValType> results) {
        StackContext cx = StackContext.current();
        ExecStack caller = cx.running;
        ExecStack root = cx.enterRoot();
        root.caught = null;
        try {
            int n = Calls.slotCount(args);
            root.reserve(n);
            Calls.writeValues(root, 0, args);
            ExecStack top;
            try {
                top = (ExecStack) cx.model.resume(root, k, hostHandlers(tags));
            } catch (ContinuationException e) {
                throw ContOps.trap(e);
            }
            root.sp = 0;
            root.depth = 0;
            ContOps.enter(cx, top, cx.model.lastFresh(), cx.model.lastBound(), root, 0, n, null);
            if (cx.running != root) {
                Interpreter.run(cx, cx.running);
            }
            Outcome caught = root.caught;
            if (caught != null) {
                root.caught = null;
                return caught;
            }
            return new Outcome(Calls.readValues(root, 0, results), null, null);
        } catch (StackOverflowError e) {
            throw new Trap(TrapKind.CALL_STACK_EXHAUSTED, "Java stack overflow in host calls");
        } finally {
            cx.leaveRoot(root, caller);
        }
    }

    /** Handlers that bring suspensions to any of {@code tags} back to Java ({@link ContOps#HOST_LABEL}). */
    static HandlerTable hostHandlers(List<? extends Tag> tags) {
        HandlerTable.Builder b = HandlerTable.builder();
        for (Tag t : tags) {
            b.onSuspend(t, ContOps.HOST_LABEL);
        }
        return b.build();
    }

    /**
     * A suspension reached the host barrier {@code root}: records it; the loop returns (depth
     * 0). Or it reached a stack waiting in a host call's resume ({@link HostRequests}).
     */
    static int suspended(ExecStack root, TagInstance tag, ExecStack from, int base, int n, ContRef next) {
        if (root.waiting != null) {
            return HostRequests.delivered(root, tag, from, base, n, next);
        }
        Value[] payload = Calls.readValues(from, base, tag.type().params());
        ContOps.clear(from.refs, base, base + n);
        root.caught = new Outcome(payload, tag, next);
        return root.depth;
    }

    /**
     * Starts a continuation whose function is a host function: calls it with the bound values,
     * the {@code n} slots of {@code from} at {@code argBase} and {@code last}; it returns (or
     * throws) at once. Returns the depth to continue at on the parent.
     */
    static int callHostEntry(StackContext cx, ExecStack t, FunctionInstance f, BoundArgs bound,
            ExecStack from, int argBase, int n, Object last) {
        int need = Math.max(ContOps.boundSlots(bound) + n + 1, f.resultSlots);
        t.reserve(need);
        int p = ContOps.writeBound(t, 0, bound);
        System.arraycopy(from.slots, argBase, t.slots, p, n);
        System.arraycopy(from.refs, argBase, t.refs, p, n);
        if (last != null) {
            t.refs[p + n] = last;
        }
        Value[] args = Calls.readValues(t, 0, f.type.params());
        Value[] results;
        try {
            results = Calls.invokeHostDirect(f, InstanceCaller.NONE, args);
        } catch (WasmException e) {
            return ExceptionOps.unwindSaved(ContOps.thrown(t), e);
        }
        Calls.checkResults(f, results);
        Calls.writeValues(t, 0, results);
        return ContOps.returned(cx, t, 0, f.resultSlots);
    }
}
