package dev.weft.continuations;

/**
 * A one-shot continuation reference: the value a Wasm local, global or table holds for a
 * {@code (ref $ct)}. Every copy of the value is the same Java object, so consuming it once
 * (resume, resume_throw, resume_throw_ref, cont.bind, or being the target of switch) makes every
 * alias trap with "continuation already consumed". A consumed reference is not null.
 *
 * <p>It owns a suspended segment {@code [bottom .. top]}, detached from every active chain:
 *
 * <pre>
 *   ContRef ──bottom──> s1 &lt;── s2 &lt;── s3 &lt;──top── ContRef     (parent links point left)
 *                       │      h2     h3
 *              parent = null                s3: SUSPENDED, s1 and s2: ACTIVE_PARENT
 * </pre>
 *
 * <p>s1's handlers were removed by the cut; h2 and h3 are inner handlers the suspension
 * crossed, captured with the segment. A fresh continuation ({@code cont.new}) is a one-stack
 * segment in state {@link StackState#FRESH}. The reference also records the top stack's
 * {@link ContStack#generation()}: if the stack was recycled meanwhile, the reference counts
 * as consumed.
 *
 * <p>The reference is the only way to reach a suspended segment's stacks: once it is
 * unreachable, so are they, and a pooled {@link StackSource} reclaims their memory.
 */
public final class ContRef {
    private ContStack bottom;
    private ContStack top;
    private final int generation;
    private final BoundArgs bound;
    /** How many stacks the segment has (fixed while the reference owns it). */
    private final int length;

    ContRef(ContStack bottom, ContStack top, BoundArgs bound, int length) {
        this.bottom = bottom;
        this.top = top;
        this.generation = top.generation;
        this.bound = bound;
        this.length = length;
    }

    /** True once consumed (or when its stack has been recycled since it was made). */
    public boolean isConsumed() {
        return top == null || top.generation != generation;
    }

    /** True while it owns a continuation that has never run; false once consumed. */
    public boolean isFresh() {
        return !isConsumed() && top.state == StackState.FRESH;
    }

    /**
     * The stack of a continuation that has never run, so that the interpreter can lay out its
     * entry frame before the first resume; null once consumed or started.
     */
    public ContStack freshStack() {
        return isFresh() ? top : null;
    }

    /** The arguments bound by {@code cont.bind}, or null. */
    public BoundArgs bound() {
        return bound;
    }

    /** How many stacks the owned segment has; 0 once consumed. */
    public int segmentLength() {
        return isConsumed() ? 0 : length;
    }

    ContStack bottom() {
        return bottom;
    }

    ContStack top() {
        return top;
    }

    /**
     * Checks and consumes: afterwards every alias traps. Returns the top stack; read
     * {@link #bottom()} before calling.
     *
     * @throws ContinuationException ALREADY_CONSUMED if consumed before or recycled
     */
    ContStack consume() {
        checkLive();
        ContStack owned = top;
        top = null;
        bottom = null;
        return owned;
    }

    /** Throws ALREADY_CONSUMED unless this reference still owns its segment. */
    void checkLive() {
        if (isConsumed()) {
            throw new ContinuationException(ContinuationError.ALREADY_CONSUMED);
        }
    }

    @Override
    public String toString() {
        return isConsumed() ? "ContRef[consumed]" : "ContRef[" + segmentLength() + " stack(s), top " + top + "]";
    }
}
