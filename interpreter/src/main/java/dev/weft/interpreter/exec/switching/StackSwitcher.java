package dev.weft.interpreter.exec.switching;

import static dev.weft.interpreter.exec.switching.StackValues.clear;
import static dev.weft.interpreter.exec.switching.StackValues.move;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationException;
import dev.weft.continuations.Continuations;
import dev.weft.continuations.HandlerKind;
import dev.weft.continuations.HandlerTable;
import dev.weft.continuations.Unhandled;
import dev.weft.interpreter.Tag;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.UnhandledSuspension;
import dev.weft.interpreter.Value;
import dev.weft.interpreter.WasmException;

/**
 * The seam of interpreter stack switching: one thread's continuation model and the stack the
 * dispatch loop runs, and every move between stacks. The loop's side (the instructions in
 * {@code exec.ContOps}, host calls) parks the stack it leaves by pushing its position as a frame
 * and calls one of these operations, which:
 * <ol>
 *   <li>asks the {@link Continuations model} for the stack to run next (and turns its check
 *       failures into the spec's traps);</li>
 *   <li>transfers the arguments, payload or results to that stack ({@link StackValues}), with
 *       the values a {@code cont.bind} remembered ({@link Chunk});</li>
 *   <li>makes it {@link #running} and returns its depth: the loop reloads its locals from it
 *       and pops its top frame, i.e. re-enters it where it was parked.</li>
 * </ol>
 * Nothing recurses on the Java stack. A suspension whose clause was installed by the host
 * ({@link #HOST_LABEL}) or a continuation returning to a stack that waits at a host call
 * ({@link HostWait}) leaves the outcome with the host instead. What needs the loop itself (a
 * fresh stack's first frame, raising an exception in a parked stack) is the two abstract
 * methods the loop's side implements, so this package depends on nothing of {@code exec}.
 */
public abstract class StackSwitcher {
    /** The label of a clause installed by the host API: the suspension leaves the loop. */
    public static final int HOST_LABEL = Integer.MAX_VALUE;

    /** The thread's continuation model. */
    public final Continuations model;
    /** The stack the loop runs (or, between invocations, the innermost running barrier); null outside Wasm. */
    public SwitchStack running;

    protected StackSwitcher(Continuations model) {
        this.model = model;
    }

    /**
     * Starts fresh stack {@code t}, which has no frame yet (made by the host API, or running a
     * host function), with the values {@link #enter} describes; returns the depth to continue
     * at, on the stack then running. A Wasm function's stack lays out its entry frame and
     * goes on with {@link #enterParked}.
     */
    protected abstract int enterFresh(SwitchStack t, BoundArgs bound, SwitchStack from, int argBase, int n,
            Object last);

    /** Raises {@code exn} in {@code st}, parked (its top saved frame); returns the depth to continue at. */
    protected abstract int raiseIn(SwitchStack st, WasmException exn);

    /** Turns the model's check failures into the spec's traps. */
    public static Trap trap(ContinuationException e) {
        return switch (e.error()) {
            case NULL -> new Trap(TrapKind.NULL_CONTINUATION_REFERENCE);
            case ALREADY_CONSUMED -> new Trap(TrapKind.CONTINUATION_ALREADY_CONSUMED);
            case CHAIN_TOO_LONG -> new Trap(TrapKind.CALL_STACK_EXHAUSTED,
                    "more than " + Continuations.DEFAULT_MAX_LINKED + " nested resumes (weft.maxLinkedStacks)");
        };
    }

    // ---- resume, switch, suspend ------------------------------------------------------------

    /**
     * Resumes {@code k} under handlers {@code h} from {@code st}, parked with the {@code n}
     * argument slots at {@code argBase} (a {@code resume}, or a host function's request);
     * returns the depth of the stack that runs next.
     */
    public final int resume(SwitchStack st, ContRef k, HandlerTable h, int argBase, int n) {
        SwitchStack top = resumeOnly(st, k, h);
        int d = enter(top, model.lastFresh(), model.lastBound(), st, argBase, n, null);
        clear(st.refs, argBase, argBase + n);
        return d;
    }

    /**
     * {@link #resume} for a host call's request: {@code st} waits for the continuation's outcome,
     * which goes to {@code w} when it returns or suspends to a host clause.
     */
    public final int resumeForHost(SwitchStack st, ContRef k, HandlerTable h, int argBase, int n, HostWait w) {
        // set first: the continuation may return at once (a host function's); if the resume
        // traps instead, st is abandoned with the embedder call and released, which clears it
        st.waiting = w;
        return resume(st, k, h, argBase, n);
    }

    /** The model's resume alone, for {@code resume_throw*}: the exception is then raised with {@link #raise}. */
    public final SwitchStack resumeOnly(SwitchStack st, ContRef k, HandlerTable h) {
        try {
            return (SwitchStack) model.resume(st, k, h);
        } catch (ContinuationException e) {
            throw trap(e);
        }
    }

    /**
     * Raises {@code exn} at the resumption point of {@code t}, just resumed by
     * {@link #resumeOnly} (if it never ran, the exception leaves it at once); returns the depth
     * to continue at.
     */
    public final int raise(SwitchStack t, WasmException exn) {
        boolean fresh = model.lastFresh();
        running = t;
        return raiseIn(fresh ? thrown(t) : t, exn);
    }

    /**
     * {@code switch}: from {@code st}, parked with the {@code n} argument slots at
     * {@code argBase} and the target {@code k} in the slot after them, to {@code k} under the
     * handler of {@code tag}; returns the target's depth.
     */
    public final int switchTo(SwitchStack st, ContRef k, Tag tag, int argBase, int n) {
        SwitchStack target;
        try {
            target = (SwitchStack) model.switchTo(st, k, tag);
        } catch (ContinuationException e) {
            throw trap(e);
        }
        if (target == null) {
            throw unhandled(model.unhandled(st, tag, HandlerKind.SWITCH), tag);
        }
        st.refs[argBase + n] = null;
        int d = enter(target, model.lastFresh(), model.lastBound(), st, argBase, n, model.lastContinuation());
        clear(st.refs, argBase, argBase + n);
        return d;
    }

    /**
     * Suspends {@code st}, parked with {@code sp == base}, to {@code tag} with the {@code n}
     * payload slots at {@code base} (a {@code suspend}, or a host function's request); returns
     * the handler's depth. The handler's clause label is the code position of the clause's
     * (target, arity, height) in the function it is parked in.
     */
    public final int suspend(SwitchStack st, Tag tag, int base, int n) {
        SwitchStack h = (SwitchStack) model.suspend(st, tag);
        if (h == null) {
            throw unhandled(model.unhandled(st, tag, HandlerKind.SUSPEND), tag);
        }
        running = h;
        int label = model.lastClause().label();
        ContRef k = model.lastContinuation();
        if (label == HOST_LABEL) {
            return suspendedToHost(h, tag, st, base, n, k);
        }
        int d = h.depth - 1;
        int[] hc = h.parkedCode();
        int arity = hc[label + 1];
        int dst = h.frames[2 * d + 1] + hc[label + 2];
        h.reserve(dst + arity);
        move(st, base, h, dst, n);
        clear(st.refs, base, base + n);
        h.slots[dst + n] = 0;
        h.refs[dst + n] = k;
        h.frames[2 * d] = hc[label];
        h.sp = dst + arity;
        return h.depth;
    }

    private static RuntimeException unhandled(Unhandled u, Tag tag) {
        if (u.crossesHost()) {
            return new Trap(TrapKind.HOST_FRAME_IN_SUSPENSION,
                    "a suspension with no handler inside this host call would have to capture the host (Java) frame");
        }
        return new UnhandledSuspension(tag);
    }

    // ---- entering and leaving stacks ---------------------------------------------------------

    /**
     * Runs {@code t} next with the {@code bound} values, then {@code n} slots of {@code from} at
     * {@code argBase}, then {@code last} if not null; returns its depth. A fresh stack made by
     * {@code cont.new} already looks parked at its entry (see {@link SwitchStack#entrySp}); only
     * one made by the host API, or running a host function, has no frame yet (depth 0): a stack
     * that ran and sits at depth 0 is parked to return from its bottom frame.
     */
    public final int enter(SwitchStack t, boolean fresh, BoundArgs bound, SwitchStack from, int argBase, int n,
            Object last) {
        running = t;
        if (t.depth == 0 && fresh) {
            return enterFresh(t, bound, from, argBase, n, last);
        }
        return enterParked(t, bound, from, argBase, n, last);
    }

    /** {@link #enter} for a stack parked at a suspend, a switch or its entry: the values become its results. */
    public final int enterParked(SwitchStack t, BoundArgs bound, SwitchStack from, int argBase, int n, Object last) {
        int p = t.sp;
        int extra = last == null ? 0 : 1;
        if (bound != null) {
            t.reserve(p + Chunk.slots(bound) + n + extra);
            p = Chunk.write(t, p, bound);
        } else {
            t.reserve(p + n + extra);
        }
        move(from, argBase, t, p, n);
        if (last != null) {
            t.slots[p + n] = 0;
            t.refs[p + n] = last;
        }
        t.sp = Math.max(p + n + extra, t.entrySp);
        t.entrySp = SwitchStack.NO_ENTRY;
        return t.depth;
    }

    /**
     * The bottom frame of continuation stack {@code st} returned with its results at
     * {@code fp .. sp}: moves them to the parent's resume site, releases {@code st} and returns
     * the parent's depth (the parent is running).
     */
    public final int returned(SwitchStack st, int fp, int sp) {
        SwitchStack p = (SwitchStack) st.parent();
        int n = sp - fp;
        p.reserve(p.sp + n);
        move(st, fp, p, p.sp, n);
        p.sp += n;
        model.returned(st);
        running = p;
        if (p.waiting != null) {
            return returnedToHost(p, n);
        }
        return p.depth;
    }

    /** An exception left continuation stack {@code st}: destroys it; returns the parent, now running. */
    public final SwitchStack thrown(SwitchStack st) {
        SwitchStack p = (SwitchStack) model.thrown(st);
        p.waiting = null;
        running = p;
        return p;
    }

    // ---- outcomes that go to the host --------------------------------------------------------

    /**
     * A suspension reached host clause of {@code h} (now running) with the {@code n} payload
     * slots of {@code from} at {@code base}: {@code h} is a host call's parked stack waiting for
     * the outcome, or the barrier of a resume from Java, which keeps it ({@link #takeCaught})
     * while the loop returns.
     */
    private int suspendedToHost(SwitchStack h, Tag tag, SwitchStack from, int base, int n, ContRef next) {
        Value[] payload = StackValues.read(from, base, tag.type().params());
        clear(from.refs, base, base + n);
        HostOutcome outcome = new HostOutcome(payload, tag, next);
        HostWait w = h.waiting;
        if (w != null) {
            h.waiting = null;
            return w.deliver(h, outcome);
        }
        h.caught = outcome;
        return h.depth;
    }

    /** The continuation a host call resumed returned its {@code n} result slots onto {@code p}'s top. */
    private static int returnedToHost(SwitchStack p, int n) {
        HostWait w = p.waiting;
        p.waiting = null;
        int at = p.sp - n;
        Value[] values = StackValues.read(p, at, w.results());
        clear(p.refs, at, p.sp);
        p.sp = at;
        return w.deliver(p, new HostOutcome(values, null, null));
    }

    /** The suspension a barrier that resumed a continuation from Java caught, or null; forgets it. */
    public static HostOutcome takeCaught(SwitchStack root) {
        HostOutcome c = root.caught;
        root.caught = null;
        return c;
    }

    /** Makes the thread's kept barrier {@code root} idle again: no frames, no values, nothing parked. */
    public static void idle(SwitchStack root) {
        root.clearParking();
    }
}
