package dev.weft.interpreter.exec;

import dev.weft.continuations.ContRef;
import dev.weft.continuations.HandlerTable;
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
 * host function records one request and returns {@link #PENDING}; when control is back in the
 * dispatch loop, {@link Calls#callHost} performs it as if the call site were a stack-switching
 * instruction, so nothing recurses on the Java stack and no host frame is captured:
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
    /** The marker a host function returns after recording a request; compared by identity. */
    public static final Value[] PENDING = new Value[0];

    private HostRequests() {}

    private sealed interface Request {}

    private record Suspend(TagInstance tag, Value[] payload) implements Request {}

    private record Resume(ContRef k, HandlerTable handlers, Value[] args, List<ValType> results,
            Function<HostResume.Outcome, Value[]> then) implements Request {}

    /** A stack parked at a host call that resumed a continuation, waiting for its outcome. */
    record Waiting(FunctionInstance callee, List<ValType> results, Function<HostResume.Outcome, Value[]> then) {}

    /** Records a suspend request for the host call running now; returns {@link #PENDING}. */
    public static Value[] suspend(Tag tag, Value[] payload) {
        if (!(tag instanceof TagInstance t)) {
            throw new IllegalArgumentException("not a Weft tag: " + tag);
        }
        return record(new Suspend(t, payload.clone()));
    }

    /**
     * Records a resume request for the host call running now: resume {@code k} with
     * {@code args}, handling {@code tags}; its results have types {@code results}.
     */
    public static Value[] resume(ContRef k, List<? extends Tag> tags, Value[] args, List<ValType> results,
            Function<HostResume.Outcome, Value[]> then) {
        return record(new Resume(k, HostResume.hostHandlers(tags), args.clone(), results, then));
    }

    private static Value[] record(Request r) {
        StackContext cx = StackContext.current();
        if (cx.running == null) {
            throw new NoWasmCaller();
        }
        if (cx.hostRequest != null) {
            throw new IllegalStateException("a host function may make only one HostControl request per call");
        }
        cx.hostRequest = r;
        return PENDING;
    }

    /** A request made where no Wasm code runs on an interpreter stack to perform it. */
    private static final class NoWasmCaller extends IllegalStateException {
        NoWasmCaller() {
            super("HostControl requests can only be made inside a host function called from Wasm");
        }
    }

    /** Whether {@code t} is the failure of a request made with no interpreted Wasm caller. */
    static boolean isNoWasmCaller(Throwable t) {
        return t instanceof NoWasmCaller;
    }

    /** Drops the request of a host function that ended with an exception instead of returning {@link #PENDING}. */
    static void discard() {
        StackContext.current().hostRequest = null;
    }

    /** Drops a request made by a host function that was not called from Wasm code; traps. */
    static Trap notFromWasm() {
        discard();
        return new Trap(TrapKind.HOST, "a HostControl request needs a Wasm caller: this host function was not called from Wasm code");
    }

    /**
     * Host function {@code f} returned {@link #PENDING}; its caller is parked on {@code st}
     * ({@code st.depth}, {@code st.sp == base}) to continue with the call's results at
     * {@code base}. Performs the request; returns the depth the loop continues at, on the stack
     * now running.
     */
    static int perform(ExecStack st, FunctionInstance f, int base) {
        StackContext cx = StackContext.current();
        Request r = (Request) cx.hostRequest;
        cx.hostRequest = null;
        if (r == null) {
            throw new Trap(TrapKind.HOST, "host function returned HostControl's marker without making a request");
        }
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
        if (results == PENDING) {
            StackContext.current().hostRequest = null;
            throw new Trap(TrapKind.HOST, "a HostControl resume callback cannot make another request");
        }
        Calls.checkResults(w.callee(), results);
        int base = st.sp;
        st.reserve(base + w.callee().resultSlots);
        Calls.writeValues(st, base, results);
        st.sp = base + w.callee().resultSlots;
        return st.depth;
    }
}
