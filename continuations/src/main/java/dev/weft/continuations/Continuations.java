package dev.weft.continuations;

/**
 * The continuation model: every stack-switching operation as a change to the stack chain,
 * returning the stack the interpreter's dispatch loop runs next. It knows no opcodes, values or
 * frames; the interpreter moves arguments and results itself.
 *
 * <p>Every operation is O(1) or O(depth of the handler search); nothing is copied. One instance
 * serves one thread (a store); it is not thread-safe. Stacks of unreachable suspended
 * continuations are the source's business (see {@link PoolStackSource}).
 *
 * <pre>
 *  before suspend $t, handled by h2 (s2's link):   after:
 *    root &lt;── s1 &lt;── s2 &lt;── s3 (RUNNING)            root &lt;── s1 (RUNNING)     k = [s2 .. s3]
 *              h1     h2     h3                               h1            s2.parent = null
 * </pre>
 */
public final class Continuations {
    /** The default for {@link #maxLinked()}: system property {@code weft.maxLinkedStacks}. */
    public static final int DEFAULT_MAX_LINKED = Integer.getInteger("weft.maxLinkedStacks", 200_000);

    private final StackSource source;
    private final int maxLinked;
    /** Stacks linked into active chains above this model's barriers (barriers not counted). */
    private int linked;
    private long created;
    private long resumed;
    private long suspended;
    private long switched;
    private long bound;
    private long completed;
    private long abandoned;
    private long roots;

    // The rest of the outcome of the last resume / suspend / switchTo, read right after the call
    // (one model per thread), so that no operation allocates a result record.
    private boolean lastFresh;
    private BoundArgs lastBound;
    private HandlerClause lastClause;
    private ContRef lastContinuation;

    /** A model taking its stacks from {@code source}. */
    public Continuations(StackSource source) {
        this(source, DEFAULT_MAX_LINKED);
    }

    /**
     * A model taking its stacks from {@code source} that links at most {@code maxLinked}
     * continuation stacks into active chains at once (nested resumes; a resume or switch past
     * it fails with {@link ContinuationError#CHAIN_TOO_LONG}).
     */
    public Continuations(StackSource source, int maxLinked) {
        this.source = source;
        this.maxLinked = maxLinked;
    }

    /** The most stacks this model links into active chains at once. */
    public int maxLinked() {
        return maxLinked;
    }

    /** How many stacks are linked into active chains now (suspended and fresh ones are not). */
    public int linked() {
        return linked;
    }

    /** The source the stacks come from. */
    public StackSource source() {
        return source;
    }

    // ---- barriers ----------------------------------------------------------------------

    /** A root stack for an embedder's call into Wasm: a barrier, {@link StackState#RUNNING}. */
    public ContStack enter() {
        return enter(null);
    }

    /**
     * A root stack for a host function, called from Wasm running on {@code hostCaller},
     * that calls back into Wasm. Handler search stops at it; see {@link Unhandled#crossesHost()}.
     */
    public ContStack enter(ContStack hostCaller) {
        ContStack root = source.acquire();
        root.activate(StackState.RUNNING, null);
        root.barrier = true;
        root.hostCaller = hostCaller;
        roots++;
        return root;
    }

    /** The embedder call that {@code root} serves has ended (returned, threw or trapped). */
    public void exit(ContStack root) {
        if (!root.barrier || root.state != StackState.RUNNING) {
            throw new IllegalStateException("internal: exit from " + root + ", which is not a running barrier");
        }
        root.retire(StackState.RETURNED);
        source.release(root);
    }

    // ---- creating references -------------------------------------------------------------

    /**
     * {@code cont.new}: a fresh continuation on a new stack. Nothing runs; {@code entry} (the
     * function, opaque here) is handed back as {@link ContStack#entry()} when it is first resumed.
     */
    public ContRef create(Object entry) {
        ContStack stack = source.acquire();
        stack.activate(StackState.FRESH, entry);
        created++;
        return own(stack, stack, null, 1);
    }

    /**
     * {@code cont.bind}: consumes {@code ref} and returns a fresh reference to the same
     * continuation that supplies {@code chunk} (after any chunks bound earlier) ahead of the
     * arguments given later. A null chunk (nothing to bind) only consumes and renews.
     *
     * @throws ContinuationException NULL or ALREADY_CONSUMED
     */
    public ContRef bind(ContRef ref, Object chunk) {
        requireNonNull(ref);
        ContStack bottom = ref.bottom();
        int length = ref.segmentLength();
        ContStack top = ref.consume();
        bound++;
        BoundArgs args = chunk == null ? ref.bound() : BoundArgs.append(ref.bound(), chunk);
        return own(bottom, top, args, length);
    }

    /**
     * Drops a continuation without running it: consumes {@code ref} and gives its stacks back
     * at once, instead of waiting for the Cleaner. Runs no code (the proposal has no finalizers).
     *
     * @throws ContinuationException NULL or ALREADY_CONSUMED
     */
    public void discard(ContRef ref) {
        requireNonNull(ref);
        ContStack bottom = ref.bottom();
        ContStack top = ref.consume();
        abandoned += releaseSegment(bottom, top, StackState.DEAD, source);
    }

    // ---- resume --------------------------------------------------------------------------

    /**
     * {@code resume} (and {@code resume_throw}/{@code resume_throw_ref}, whose exception the
     * interpreter raises at the stack returned): consumes {@code ref}, links its segment under
     * {@code current} with {@code handlers}, and returns the segment's top, now running.
     * {@code current} becomes {@link StackState#ACTIVE_PARENT}. {@link #lastFresh()} and
     * {@link #lastBound()} then say whether that stack has never run and what
     * {@code cont.bind} bound. Allocates nothing.
     *
     * @throws ContinuationException NULL, ALREADY_CONSUMED or CHAIN_TOO_LONG (nothing changed)
     */
    public ContStack resume(ContStack current, ContRef ref, HandlerTable handlers) {
        requireNonNull(ref);
        ref.checkLive();
        requireRunning(current);
        int length = ref.segmentLength();
        checkRoom(length);
        ContStack bottom = ref.bottom();
        ContStack top = ref.consume();
        linked += length;
        bottom.parent = current;
        bottom.handlers = handlers == null ? HandlerTable.EMPTY : handlers;
        current.state = StackState.ACTIVE_PARENT;
        resumed++;
        enter(top, ref.bound());
        return top;
    }

    /** Records what {@link #lastFresh()} and {@link #lastBound()} report and makes {@code top} running. */
    private void enter(ContStack top, BoundArgs bound) {
        lastFresh = top.state == StackState.FRESH;
        lastBound = bound;
        top.state = StackState.RUNNING;
    }

    /** After {@link #resume} or {@link #switchTo}: true if the stack returned has never run. */
    public boolean lastFresh() {
        return lastFresh;
    }

    /** After {@link #resume} or {@link #switchTo}: the arguments bound by {@code cont.bind}, or null. */
    public BoundArgs lastBound() {
        return lastBound;
    }

    /** After {@link #suspend} or {@link #switchTo} found a handler: the matching clause. */
    public HandlerClause lastClause() {
        return lastClause;
    }

    /**
     * After {@link #suspend} or {@link #switchTo} found a handler: the new reference owning the
     * cut segment (the switcher, for a switch). Read once: the model forgets it.
     */
    public ContRef lastContinuation() {
        ContRef k = lastContinuation;
        lastContinuation = null;
        return k;
    }

    // ---- suspend and switch -----------------------------------------------------------------

    /**
     * {@code suspend tag}: finds the innermost link whose handlers have a
     * {@link HandlerKind#SUSPEND} clause for the identical {@code tag} (switch clauses are passed
     * over), cuts the chain above that link's parent into a new reference, and returns the
     * handler's stack, now running; {@link #lastClause()} and {@link #lastContinuation()} give
     * the clause and the reference. Returns null, changing nothing, when no handler is found
     * before the barrier ({@link #unhandled} describes it).
     */
    public ContStack suspend(ContStack current, Object tag) {
        requireRunning(current);
        HandlerClause clause = null;
        ContStack child = current;
        int length = 1;
        for (; !child.barrier; child = child.parent, length++) {
            clause = child.handlers.find(tag, HandlerKind.SUSPEND);
            if (clause != null) {
                break;
            }
        }
        if (clause == null) {
            return null;
        }
        ContStack handler = child.parent;
        cut(child, current);
        linked -= length;
        handler.state = StackState.RUNNING;
        suspended++;
        lastClause = clause;
        lastContinuation = own(child, current, null, length);
        return handler;
    }

    /** What a {@link #suspend} or {@link #switchTo} that returned null ran into. */
    public Unhandled unhandled(ContStack current, Object tag, HandlerKind kind) {
        return new Unhandled(tag, kind, barrierOf(current));
    }

    /**
     * {@code switch ct tag} with target {@code target}: finds the innermost link with a
     * {@link HandlerKind#SWITCH} clause for {@code tag}, cuts the chain above that link's parent
     * {@code p} into a new reference (the switcher, {@link #lastContinuation()}), consumes
     * {@code target} and links it under the same {@code p} with the same handlers, and returns
     * its top, now running ({@link #lastFresh()}, {@link #lastBound()}, {@link #lastClause()}
     * as for the other operations). {@code p} stays blocked at its {@code resume}. Without a
     * handler: null, and {@code target} is not consumed.
     *
     * @throws ContinuationException NULL, ALREADY_CONSUMED or CHAIN_TOO_LONG for the target (nothing changed)
     */
    public ContStack switchTo(ContStack current, ContRef target, Object tag) {
        requireNonNull(target);
        target.checkLive();
        requireRunning(current);
        ContStack child = handlingLink(current, tag, HandlerKind.SWITCH);
        if (child == null) {
            return null;
        }
        int cutLength = 1;
        for (ContStack s = current; s != child; s = s.parent) {
            cutLength++;
        }
        int targetLength = target.segmentLength();
        checkRoom(targetLength - cutLength);
        HandlerTable handlers = child.handlers;
        lastClause = handlers.find(tag, HandlerKind.SWITCH);
        ContStack parent = child.parent;
        cut(child, current);
        linked += targetLength - cutLength;
        ContStack bottom = target.bottom();
        ContStack top = target.consume();
        bottom.parent = parent;
        bottom.handlers = handlers;
        switched++;
        enter(top, target.bound());
        lastContinuation = own(child, current, null, cutLength);
        return top;
    }

    /** The innermost stack whose link handles {@code tag} with a {@code kind} clause, or null at the barrier. */
    private static ContStack handlingLink(ContStack current, Object tag, HandlerKind kind) {
        for (ContStack s = current; !s.barrier; s = s.parent) {
            if (s.handlers.find(tag, kind) != null) {
                return s;
            }
        }
        return null;
    }

    private static ContStack barrierOf(ContStack current) {
        ContStack s = current;
        while (!s.barrier) {
            s = s.parent;
        }
        return s;
    }

    /** Detaches {@code [child .. current]} from the chain: the cut link loses its parent and handlers. */
    private static void cut(ContStack child, ContStack current) {
        child.parent = null;
        child.handlers = null;
        current.state = StackState.SUSPENDED;
    }

    // ---- leaving a stack -------------------------------------------------------------------

    /**
     * The bottom frame of {@code stack} returned (the interpreter has already moved the results
     * to the parent's {@code resume} site). Unlinks and releases the stack and returns its
     * parent, now running. A multi-stack segment unwinds one stack at a time this way.
     */
    public ContStack returned(ContStack stack) {
        ContStack parent = leave(stack, StackState.RETURNED);
        completed++;
        return parent;
    }

    /**
     * An exception left the bottom frame of {@code stack}: it is destroyed (released) and its
     * parent, now running, continues propagating from its {@code resume}/{@code switch} site.
     */
    public ContStack thrown(ContStack stack) {
        ContStack parent = leave(stack, StackState.DEAD);
        abandoned++;
        return parent;
    }

    /**
     * The invocation is aborted on {@code current}: a trap, an {@link Unhandled} suspension, or
     * a host failure. Every stack of the chain up to the barrier is abandoned (DEAD) and
     * released. Returns the barrier, running again, which the interpreter then {@link #exit}s
     * while it reports the failure. Suspended continuations elsewhere are untouched.
     */
    public ContStack abandon(ContStack current) {
        requireRunning(current);
        ContStack barrier = releaseChain(current, null);
        barrier.state = StackState.RUNNING;
        return barrier;
    }

    /**
     * Recovery after a failure that may have struck in the middle of an operation (a Java
     * {@code StackOverflowError} in a host function, say): releases every stack still live on
     * the parent links from {@code current} out to {@code root} (or to a detached bottom),
     * whatever their states, and makes {@code root} running again. When {@code root} is the
     * thread's outermost barrier nothing can be linked any more, so the count starts afresh.
     */
    public void recover(ContStack current, ContStack root, boolean outermost) {
        releaseChain(current, root);
        root.state = StackState.RUNNING;
        if (outermost) {
            linked = 0;
        }
    }

    /**
     * Releases the live stacks on the parent links from {@code current} up to, not including,
     * {@code stop}, a barrier or a detached bottom; returns where it stopped.
     */
    private ContStack releaseChain(ContStack current, ContStack stop) {
        ContStack s = current;
        while (s != null && s != stop && !s.barrier) {
            ContStack parent = s.parent;
            if (s.state != StackState.DEAD && s.state != StackState.RETURNED) {
                s.retire(StackState.DEAD);
                source.release(s);
                abandoned++;
                linked--;
            }
            s = parent;
        }
        return s;
    }

    private ContStack leave(ContStack stack, StackState finalState) {
        requireRunning(stack);
        if (stack.barrier) {
            throw new IllegalStateException("internal: the barrier " + stack + " left through its bottom; use exit");
        }
        ContStack parent = stack.parent;
        stack.retire(finalState);
        source.release(stack);
        linked--;
        parent.state = StackState.RUNNING;
        return parent;
    }

    // ---- shared helpers ---------------------------------------------------------------------

    /** A new reference owning {@code [bottom .. top]}. */
    private static ContRef own(ContStack bottom, ContStack top, BoundArgs args, int length) {
        return new ContRef(bottom, top, args, length);
    }

    /** Throws CHAIN_TOO_LONG, changing nothing, if {@code more} stacks cannot be linked. */
    private void checkRoom(int more) {
        if (more > 0 && linked + more > maxLinked) {
            throw new ContinuationException(ContinuationError.CHAIN_TOO_LONG);
        }
    }

    /** Releases every stack of a detached segment, top first; returns how many. */
    private static int releaseSegment(ContStack bottom, ContStack top, StackState finalState, StackSource source) {
        int count = 0;
        ContStack s = top;
        while (s != null) {
            ContStack next = s == bottom ? null : s.parent;
            s.retire(finalState);
            source.release(s);
            count++;
            s = next;
        }
        return count;
    }

    private static void requireNonNull(ContRef ref) {
        if (ref == null) {
            throw new ContinuationException(ContinuationError.NULL);
        }
    }

    private static void requireRunning(ContStack stack) {
        if (stack.state != StackState.RUNNING) {
            throw new IllegalStateException("internal: expected a running stack, got " + stack);
        }
    }

    /** A snapshot of the counters, with the source's. */
    public ContinuationStats stats() {
        return new ContinuationStats(created, resumed, suspended, switched, bound, completed, abandoned,
                source.reclaimed(), roots, source.stats());
    }
}
