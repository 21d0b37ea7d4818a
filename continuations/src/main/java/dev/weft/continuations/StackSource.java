package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;

/**
 * Where {@link Continuations} gets its stacks. The implementation is {@link PoolStackSource} (a
 * {@link dev.weft.stackpool.StackPool} slot per stack; the pool's heap mode, the interpreter's
 * default, backs slots with Java arrays), optionally behind a {@link CachingStackSource}. The
 * model's unit tests use a plain-array source of their own ({@code HeapStackSource}, test code).
 *
 * <p>A source may hand out the same {@link ContStack} object again after it was released;
 * {@link ContStack#generation()} tells the lives apart. A source must not keep a strong
 * reference to a stack while it is handed out: stacks of unreachable suspended continuations
 * are then unreachable too, and a source over pooled memory reclaims them (see
 * {@link PoolStackSource}); a heap source simply lets them be collected.
 */
public interface StackSource {
    /** A stack whose memory reads as zero and whose references are null. */
    ContStack acquire();

    /** Gives a stack back; its memory is cleared over {@link ContStack#usedBytes()} (all of it if unreported). */
    void release(ContStack stack);

    /** How many stacks of unreachable continuations were given back by a Cleaner (0 if the GC suffices). */
    default long reclaimed() {
        return 0;
    }

    /** The source's counters, in the pool's vocabulary. */
    PoolStats stats();
}
