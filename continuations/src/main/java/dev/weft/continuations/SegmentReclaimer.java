package dev.weft.continuations;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link java.lang.ref.Cleaner} action for one {@link ContRef}: when the reference becomes
 * unreachable while it still owns its segment, give the segment's stacks back to the source.
 *
 * <p>It holds the segment's stacks, never the reference (that would keep the reference
 * reachable forever). Consuming the reference disarms it first, so a consumed reference's
 * segment (now running or owned by a newer reference) is never touched. The generation check
 * is a second guard: a recycled top stack means the segment is no longer this reference's.
 */
final class SegmentReclaimer implements Runnable {
    private final ContStack bottom;
    private final ContStack top;
    private final int generation;
    private final StackSource source;
    private final AtomicLong reclaimed;
    private volatile boolean armed = true;

    SegmentReclaimer(ContStack bottom, ContStack top, StackSource source, AtomicLong reclaimed) {
        this.bottom = bottom;
        this.top = top;
        this.generation = top.generation;
        this.source = source;
        this.reclaimed = reclaimed;
    }

    /** Called when the reference is consumed: the segment is no longer the reference's to free. */
    void disarm() {
        armed = false;
    }

    @Override
    public void run() {
        if (!armed) {
            return;
        }
        armed = false;
        if (top.generation != generation) {
            return;
        }
        Continuations.releaseSegment(bottom, top, StackState.DEAD, source);
        reclaimed.incrementAndGet();
    }
}
