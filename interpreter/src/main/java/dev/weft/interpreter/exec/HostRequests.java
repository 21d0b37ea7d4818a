package dev.weft.interpreter.exec;

import dev.weft.continuations.ContRef;
import dev.weft.continuations.HandlerTable;
import dev.weft.interpreter.HostControl;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.ast.ValType;
import java.util.List;
import java.util.function.Function;

/**
 * Stack switching requested by host functions ({@link dev.weft.interpreter.HostControl}). A
 * switching host function returns one {@link Request} as its call's result; when control is back
 * in the dispatch loop, {@link Calls#callHost} performs it as if the call site were a
 * stack-switching instruction, so nothing recurses on the Java stack and no host frame is
 * captured:
 * <ul>
 *   <li>suspend: the calling stack parks just after the call and suspends to the tag; the
 *       values it is later resumed with become the call's results;</li>
 *   <li>resume: the calling stack parks just after the call and resumes a continuation with
 *       a handler ({@link ContOps#HOST_LABEL}) for the given tags; when that continuation
 *       returns or suspends, the request's Java callback turns the outcome into the call's
 *       results ({@link #delivered}, {@link #returned}) and the caller goes on.</li>
 * </ul>
 */
public final class HostRequests {
    private HostRequests() {}

    /** The requests {@link dev.weft.interpreter.HostControl} makes. */
    sealed interface Request extends HostControl.Request {}

    private record Suspend(TagInstance tag, Value[] payload) implements Request {}

    private record Resume(ContRef k, HandlerTable handlers, Value[] args, List<ValType> results,
            Function<HostResume.Outcome, Value[]> then) implements Request {}

    /** A stack parked at a host call that resumed a continuation, waiting for its outcome. */
    record Waiting(FunctionInstance callee, List<ValType> results, Function<HostResume.Outcome, Value[]> then) {}

    /** A request to suspend the calling stack to {@code tag} with {@code payload}. */
    public static HostControl.Request suspend(Tag tag, Value[] payload) {
        if (!(tag instanceof TagInstance t)) {
            throw new IllegalArgumentException("not a Weft tag: " + tag);
        }
        return new Suspend(t, payload.clone());
    }

    /**
     * A request to resume {@code k} with {@code args} from the calling stack, handling
     * {@code tags}; its results have types {@code results}.
     */
    public static HostControl.Request resume(ContRef k, List<? extends Tag> tags, Value[] args, List<ValType> results,
            Function<HostResume.Outcome, Value[]> then) {
        return new Resume(k, HostResume.hostHandlers(tags), args.clone(), results, then);
    }

    /** The trap for a request returned where no interpreted Wasm call site can perform it. */
    static Trap notFromWasm() {
        return new Trap(TrapKind.HOST, "a HostControl request needs a Wasm caller: this host function was not called from Wasm code");
    }

    /**
     * Host function {@code f} returned request {@code q}; its caller is parked on {@code st}
     * ({@code st.depth}, {@code st.sp == base}) to continue with the call's results at
     * {@code base}. Performs the request; returns the depth the loop continues at, on the stack
     * now running.
     */
    static int perform(ExecStack st, FunctionInstance f, int base, HostControl.Request request) {
        if (!(request instanceof Request r)) {
            throw new Trap(TrapKind.HOST, "host function returned a HostControl.Request not made by HostControl: " + request);
        }
        StackContext cx = StackContext.current();
        return switch (r) {
            case Suspend s -> suspend(cx, st, f, base, s);
            case Resume q -> resume(cx, st, f, base, q);
        };
    }

    private static int suspend(StackContext cx, ExecStack st, FunctionInstance f, int base, Suspend s) {
        if (!s.tag.type().results().equals(f.type.results())) {
            throw new Trap(TrapKind.HOST, "host function " + f.type + " cannot suspend to a tag of type "
                    + s.tag.type() + ": the tag's results must be the function's results");
        }
        int n = writeArgs(st, base, s.payload, s.tag.type().params(), "suspend payload");
        return ContOps.suspendParked(cx, st, s.tag, base, n);
    }

    private static int resume(StackContext cx, ExecStack st, FunctionInstance f, int base, Resume q) {
        int n = writeArgs(st, base, q.args, null, "resume arguments");
        // set first: the continuation may return at once (a host function's); if the resume
        // traps instead, st is abandoned with the embedder call and released, which clears it
        st.waiting = new Waiting(f, q.results, q.then);
        return ContOps.resumeParked(cx, st, q.k, q.handlers, base, n);
    }

    /** Writes {@code values} (checked against {@code types} unless null) at {@code base}; returns their slot count. */
    private static int writeArgs(ExecStack st, int base, Value[] values, List<ValType> types, String what) {
        if (types != null && !Calls.fitAll(values, types)) {
            throw new Trap(TrapKind.HOST, "host function's " + what + " do not match " + types);
        }
        int n = Calls.slotCount(values);
        st.reserve(base + n);
        Calls.writeValues(st, base, values);
        return n;
    }

    /**
     * The continuation a host call resumed suspended to its handler {@code h} (now running)
     * with the {@code n} payload slots of {@code from} at {@code base}: hands the outcome to the
     * callback and continues after the host call with its results.
     */
    static int delivered(ExecStack h, TagInstance tag, ExecStack from, int base, int n, ContRef next) {
        Value[] payload = Calls.readValues(from, base, tag.type().params());
        ContOps.clear(from.refs, base, base + n);
        return finish(h, new HostResume.Outcome(payload, tag, next));
    }

    /** The continuation a host call resumed returned its {@code n} result slots onto {@code p}'s top. */
    static int returned(ExecStack p, int n) {
        int at = p.sp - n;
        Value[] values = Calls.readValues(p, at, p.waiting.results());
        ContOps.clear(p.refs, at, p.sp);
        p.sp = at;
        return finish(p, new HostResume.Outcome(values, null, null));
    }

    private static int finish(ExecStack st, HostResume.Outcome outcome) {
        Waiting w = st.waiting;
        st.waiting = null;
        Value[] results;
        try {
            results = Calls.invokeCallback(w.then(), outcome);
        } catch (WasmException e) {
            return ExceptionOps.unwindSaved(st, e);
        }
        Calls.checkResults(w.callee(), results);
        int base = st.sp;
        st.reserve(base + w.callee().resultSlots);
        Calls.writeValues(st, base, results);
        st.sp = base + w.callee().resultSlots;
        return st.depth;
    }
}
