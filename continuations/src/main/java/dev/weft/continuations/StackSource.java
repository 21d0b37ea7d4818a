package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;

/**
 * Where {@link Continuations} gets its stacks. Implementations: {@link PoolStackSource} (a
 * guard-paged {@link dev.weft.stackpool.StackPool} slot per stack) and {@link HeapStackSource}
 * (plain Java arrays, for tests and for hosts without a pool).
 *
 * <p>A source may hand out the same {@link ContStack} object again after it was released;
 * {@link ContStack#generation()} tells the lives apart. {@link #release} may be called from the
 * {@link java.lang.ref.Cleaner} thread when {@link #needsReclaim()} is true, so such sources
 * must be thread-safe.
 */
public interface StackSource {
    /** A stack whose memory reads as zero and whose references are null. */
    ContStack acquire();

    /** Gives a stack back; its memory is cleared over {@link ContStack#usedBytes()} (all of it if unreported). */
    void release(ContStack stack);

    /**
     * True when stacks of unreachable suspended continuations must be given back explicitly
     * (pooled memory), false when the garbage collector suffices.
     */
    boolean needsReclaim();

    /** The source's counters, in the pool's vocabulary. */
    PoolStats stats();
}
