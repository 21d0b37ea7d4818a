package dev.weft.interpreter.exec;

import dev.weft.continuations.BoundArgs;
import dev.weft.continuations.ContRef;
import dev.weft.continuations.ContinuationException;
import dev.weft.continuations.Continuations;
import dev.weft.continuations.HandlerKind;
import dev.weft.continuations.HandlerTable;
import dev.weft.continuations.Unhandled;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.UnhandledSuspension;
import dev.weft.interpreter.WasmException;
import dev.weft.interpreter.code.CompiledFunction;

/**
 * Stack switching for the dispatch loop: {@code cont.new}, {@code cont.bind}, {@code suspend},
 * {@code resume}, {@code resume_throw}, {@code resume_throw_ref} and {@code switch}, mapped onto
 * the {@link Continuations} model. Each operation leaves the stack it runs on parked (its
 * position pushed as a frame, see {@link Ext#resumeAt}), moves the argument, payload or result
 * values to the stack that runs next, makes that stack {@link StackContext#running} and returns
 * its depth: the loop reloads its locals from it and pops its top frame. Nothing else is copied
 * and nothing recurses on the Java stack.
 *
 * <p>A resume instruction's handler clauses are lowered in place as
 * {@code site n (tag target arity height){n}}; the clause label given to the model is the code
 * position of its (target, arity, height) triple in the resuming function.
 */
final class ContOps {
    /** The label of a clause installed by the host API: the suspension leaves the loop. */
    static final int HOST_LABEL = Integer.MAX_VALUE;

    private ContOps() {}

    /** Turns the model's check failures into the spec's traps. */
    static Trap trap(ContinuationException e) {
        return switch (e.error()) {
            case NULL -> new Trap(TrapKind.NULL_CONTINUATION_REFERENCE);
            case ALREADY_CONSUMED -> new Trap(TrapKind.CONTINUATION_ALREADY_CONSUMED);
            case CHAIN_TOO_LONG -> new Trap(TrapKind.CALL_STACK_EXHAUSTED,
                    "more than " + Continuations.DEFAULT_MAX_LINKED + " nested resumes (weft.maxLinkedStacks)");
        };
    }

    /** {@code cont.new}: replaces the function reference on top by a fresh continuation. */
    static int contNew(StackContext cx, ExecStack st, FunctionInstance fn, int pc, int fp, int sp, int depth) {
        Object f = st.refs[sp - 1];
        if (f == null) {
            throw new Trap(TrapKind.NULL_FUNCTION_REFERENCE);
        }
        LiveContinuations limit = fn.instance.continuations;
        if (limit != null) {
            limit.admit();
        }
        ContRef k = cx.model.create(f);
        if (limit != null) {
            limit.created((ExecStack) k.freshStack());
        }
        if (((FunctionInstance) f).code != null) {
            layOutEntry((ExecStack) k.freshStack(), (FunctionInstance) f);
        }
        st.refs[sp - 1] = k;
        return Ext.resumeAt(st, depth, fn, pc + 1, fp, sp);
    }

    /**
     * Makes fresh stack {@code t} look suspended at the first instruction of Wasm function
     * {@code f}: its entry frame pushed, its declared locals zeroed, and {@link ExecStack#entrySp}
     * set so that the first resume, which writes the arguments as a suspended stack's results,
     * leaves sp after the locals. So a resume never needs to tell fresh stacks from suspended
     * ones (a branch the JIT would compile as a trap, deoptimising on each first resume).
     */
    private static void layOutEntry(ExecStack t, FunctionInstance f) {
        CompiledFunction c = f.code;
        t.reserve(c.frameSize());
        Calls.zeroLocals(t.slots, t.refs, c.numParams, c.numLocals);
        t.depth = Ext.resumeAt(t, 0, f, 0, 0, 0);
        t.entrySp = c.numLocals;
    }

    /** {@code cont.bind}: binds the {@code code[pc + 1]} slots below the reference. */
    static int contBind(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        int n = code[pc + 1];
        ContRef k = (ContRef) st.refs[sp - 1];
        int base = sp - 1 - n;
        Chunk chunk = null;
        if (n > 0) {
            long[] slots = new long[n];
            Object[] refs = new Object[n];
            System.arraycopy(st.slots, base, slots, 0, n);
            System.arraycopy(st.refs, base, refs, 0, n);
            chunk = new Chunk(slots, refs);
        }
        ContRef bound;
        try {
            bound = cx.model.bind(k, chunk);
        } catch (ContinuationException e) {
            throw trap(e);
        }
        clear(st.refs, base, sp);
        st.refs[base] = bound;
        return Ext.resumeAt(st, depth, fn, pc + 2, fp, base + 1);
    }

    /** {@code resume}: {@code code[pc + 1]} argument slots below the continuation. */
    static int resume(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        int n = code[pc + 1];
        HandlerTable h = handlers(fn, code, pc + 2);
        int argBase = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 2), fp, argBase);
        ContRef k = (ContRef) st.refs[sp - 1];
        st.refs[sp - 1] = null;
        return resumeParked(cx, st, k, h, argBase, n);
    }

    /**
     * Resumes {@code k} under handlers {@code h} from stack {@code st}, parked with the
     * {@code n} argument slots at {@code argBase} (a {@code resume} or a host function's
     * {@link HostRequests request}); returns the depth of the stack that runs next.
     */
    static int resumeParked(StackContext cx, ExecStack st, ContRef k, HandlerTable h, int argBase, int n) {
        Continuations model = cx.model;
        ExecStack top;
        try {
            top = (ExecStack) model.resume(st, k, h);
        } catch (ContinuationException e) {
            throw trap(e);
        }
        int d = enter(cx, top, model.lastFresh(), model.lastBound(), st, argBase, n, null);
        clear(st.refs, argBase, argBase + n);
        return d;
    }

    /** {@code resume_throw}: raises tag {@code code[pc + 1]} with its payload in the continuation. */
    static int resumeThrow(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        HandlerTable h = handlers(fn, code, pc + 3);
        int base = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 3), fp, base);
        ExecStack top = resumeToRaise(cx, st, (ContRef) st.refs[sp - 1], h);
        WasmException exn = new WasmException(tag, Calls.readValues(st, base, tag.type().params()));
        clear(st.refs, base, sp);
        return raise(cx, top, cx.model.lastFresh(), exn);
    }

    /** {@code resume_throw_ref}: raises the exception below the continuation (null exnref first). */
    static int resumeThrowRef(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        Object exn = st.refs[sp - 2];
        if (exn == null) {
            throw new Trap(TrapKind.NULL_EXCEPTION_REFERENCE);
        }
        HandlerTable h = handlers(fn, code, pc + 1);
        st.depth = Ext.resumeAt(st, depth, fn, after(code, pc + 1), fp, sp - 2);
        ExecStack top = resumeToRaise(cx, st, (ContRef) st.refs[sp - 1], h);
        clear(st.refs, sp - 2, sp);
        return raise(cx, top, cx.model.lastFresh(), (WasmException) exn);
    }

    /** The model's resume for resume_throw*: the exception is raised at the stack returned. */
    private static ExecStack resumeToRaise(StackContext cx, ExecStack st, ContRef k, HandlerTable h) {
        try {
            return (ExecStack) cx.model.resume(st, k, h);
        } catch (ContinuationException e) {
            throw trap(e);
        }
    }

    /** {@code suspend}: tag {@code code[pc + 1]} with {@code code[pc + 2]} payload slots. */
    static int suspend(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        int base = sp - n;
        st.depth = Ext.resumeAt(st, depth, fn, pc + 3, fp, base);
        return suspendParked(cx, st, tag, base, n);
    }

    /**
     * Suspends stack {@code st}, parked with {@code sp == base}, to {@code tag} with the
     * {@code n} payload slots at {@code base} (a {@code suspend} or a host function's
     * {@link HostRequests request}); returns the handler's depth.
     */
    static int suspendParked(StackContext cx, ExecStack st, TagInstance tag, int base, int n) {
        Continuations model = cx.model;
        ExecStack h = (ExecStack) model.suspend(st, tag);
        if (h == null) {
            throw unhandled(model.unhandled(st, tag, HandlerKind.SUSPEND), tag);
        }
        cx.running = h;
        int label = model.lastClause().label();
        ContRef k = model.lastContinuation();
        if (label == HOST_LABEL) {
            return HostResume.suspended(h, tag, st, base, n, k);
        }
        int d = h.depth - 1;
        int[] hc = h.frameFns[d].lowered.code;
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

    /** {@code switch}: tag {@code code[pc + 1]}, {@code code[pc + 2]} argument slots below the target. */
    static int switchTo(StackContext cx, ExecStack st, FunctionInstance fn, int[] code, int pc, int fp, int sp, int depth) {
        TagInstance tag = fn.instance.tags[code[pc + 1]];
        int n = code[pc + 2];
        int argBase = sp - 1 - n;
        st.depth = Ext.resumeAt(st, depth, fn, pc + 3, fp, argBase);
        Continuations model = cx.model;
        ExecStack target;
        try {
            target = (ExecStack) model.switchTo(st, (ContRef) st.refs[sp - 1], tag);
        } catch (ContinuationException e) {
            throw trap(e);
        }
        if (target == null) {
            throw unhandled(model.unhandled(st, tag, HandlerKind.SWITCH), tag);
        }
        st.refs[sp - 1] = null;
        int d = enter(cx, target, model.lastFresh(), model.lastBound(), st, argBase, n, model.lastContinuation());
        clear(st.refs, argBase, argBase + n);
        return d;
    }

    /**
     * The bottom frame of continuation stack {@code st} returned with its results at
     * {@code fp .. sp}: moves them to the parent's resume site, releases {@code st} and returns
     * the parent's depth.
     */
    static int returned(StackContext cx, ExecStack st, int fp, int sp) {
        ExecStack p = (ExecStack) st.parent();
        int n = sp - fp;
        p.reserve(p.sp + n);
        move(st, fp, p, p.sp, n);
        p.sp += n;
        cx.model.returned(st);
        cx.running = p;
        if (p.waiting != null) {
            return HostRequests.returned(p, n);
        }
        return p.depth;
    }

    /** An exception left continuation stack {@code st}: destroys it; returns the parent, now running. */
    static ExecStack thrown(ExecStack st) {
        StackContext cx = StackContext.current();
        ExecStack p = (ExecStack) cx.model.thrown(st);
        p.waiting = null;
        cx.running = p;
        return p;
    }

    /**
     * Starts (if {@code fresh}) or continues stack {@code t} with the {@code bound} values, then {@code n} slots
     * of {@code from} at {@code argBase}, then {@code last} if not null; returns its depth. A fresh
     * stack made by {@code cont.new} already looks suspended at its entry ({@link #layOutEntry});
     * only one made by the host API, or running a host function, has no frame yet (depth 0).
     */
    static int enter(StackContext cx, ExecStack t, boolean fresh, BoundArgs bound, ExecStack from, int argBase,
            int n, Object last) {
        cx.running = t;
        if (t.depth == 0 && fresh) {
            // never ran and has no frame yet (a host function's stack, or the host API's); a stack
            // that ran and sits at depth 0 is parked to return from its bottom frame (see run)
            FunctionInstance f = (FunctionInstance) t.entry();
            if (f.code == null) {
                t.touchAll(); // the host entry writes its arguments and results without a frame
                return HostResume.callHostEntry(cx, t, f, bound, from, argBase, n, last);
            }
            layOutEntry(t, f);
        }
        return enterSuspended(t, bound, from, argBase, n, last);
    }

    /** {@link #enter} for a stack waiting at a suspend, a switch or its entry: the values become its results. */
    private static int enterSuspended(ExecStack t, BoundArgs bound, ExecStack from, int argBase, int n, Object last) {
        int p = t.sp;
        int extra = last == null ? 0 : 1;
        if (bound != null) {
            t.reserve(p + boundSlots(bound) + n + extra);
            p = writeBound(t, p, bound);
        } else {
            t.reserve(p + n + extra);
        }
        copyArgs(t, p, from, argBase, n, last);
        t.sp = Math.max(p + n + extra, t.entrySp);
        t.entrySp = 0;
        return t.depth;
    }

    /** Copies {@code n} slots of {@code from} at {@code argBase}, then {@code last} if not null, to {@code t} at {@code p}. */
    private static void copyArgs(ExecStack t, int p, ExecStack from, int argBase, int n, Object last) {
        move(from, argBase, t, p, n);
        if (last != null) {
            t.slots[p + n] = 0;
            t.refs[p + n] = last;
        }
    }

    /**
     * Raises {@code exn} at the resumption point of {@code t}, just resumed (resume_throw;
     * {@code fresh}: it never ran, so the exception leaves it at once); returns the depth to
     * continue at.
     */
    static int raise(StackContext cx, ExecStack t, boolean fresh, WasmException exn) {
        cx.running = t;
        if (fresh) {
            return ExceptionOps.unwindSaved(thrown(t), exn);
        }
        return ExceptionOps.unwindSaved(t, exn);
    }

    private static RuntimeException unhandled(Unhandled u, TagInstance tag) {
        if (u.crossesHost()) {
            return new Trap(TrapKind.HOST_FRAME_IN_SUSPENSION,
                    "a suspension with no handler inside this host call would have to capture the host (Java) frame");
        }
        return new UnhandledSuspension(tag);
    }

    /** The resume's handler table, built once per function instance and resume site. */
    static HandlerTable handlers(FunctionInstance fn, int[] code, int at) {
        HandlerTable[] cache = fn.handlerTables;
        if (cache == null) {
            cache = fn.handlerTables = new HandlerTable[fn.lowered.resumeSites];
        }
        HandlerTable h = cache[code[at]];
        if (h == null) {
            HandlerTable.Builder b = HandlerTable.builder();
            int count = code[at + 1];
            for (int i = 0; i < count; i++) {
                int e = at + 2 + 4 * i;
                TagInstance tag = fn.instance.tags[code[e]];
                if (code[e + 1] < 0) {
                    b.onSwitch(tag);
                } else {
                    b.onSuspend(tag, e + 1);
                }
            }
            h = cache[code[at]] = b.build();
        }
        return h;
    }

    /** The pc after a resume's clause list starting at {@code at} (site, n, clauses). */
    private static int after(int[] code, int at) {
        return at + 2 + 4 * code[at + 1];
    }

    static int writeBound(ExecStack t, int p, BoundArgs b) {
        if (b == null) {
            return p;
        }
        p = writeBound(t, p, b.earlier());
        Chunk c = (Chunk) b.chunk();
        System.arraycopy(c.slots, 0, t.slots, p, c.slots.length);
        System.arraycopy(c.refs, 0, t.refs, p, c.refs.length);
        return p + c.slots.length;
    }

    static int boundSlots(BoundArgs b) {
        int n = 0;
        for (; b != null; b = b.earlier()) {
            n += ((Chunk) b.chunk()).slots.length;
        }
        return n;
    }

    /**
     * Copies {@code n} values (slots and references) from {@code src} of one stack to
     * {@code dst} of another. Payloads, arguments and results are a few values, for which a
     * loop beats two {@code System.arraycopy} calls (each a stub call, the reference one with
     * G1's barrier loop around it).
     */
    static void move(ExecStack from, int src, ExecStack to, int dst, int n) {
        long[] fs = from.slots;
        Object[] fr = from.refs;
        long[] ts = to.slots;
        Object[] tr = to.refs;
        for (int i = 0; i < n; i++) {
            ts[dst + i] = fs[src + i];
            tr[dst + i] = fr[src + i];
        }
    }

    static void clear(Object[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            r[i] = null;
        }
    }

    /** The values one {@code cont.bind} remembers, deepest operand first. */
    record Chunk(long[] slots, Object[] refs) {}
}
