package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;

/**
 * A small LIFO cache of released stacks in front of a shared source, for one model (one
 * thread): a release clears the stack's used part and keeps it if there is room, an acquire
 * takes the most recently kept one, and only misses and overflow reach the shared source. So a
 * thread that creates and finishes continuations one after another reuses a few warm stacks
 * with plain field accesses, and the shared {@link PoolStackSource}'s atomics (free-list CAS,
 * counters) are paid only when the thread's working set changes.
 *
 * <p>To the shared source, cached stacks are still handed out: its stats count them in use
 * (at most {@link #capacity()} per cache). Cached stacks are reachable only from the cache, so
 * when the cache's owner (a thread's context) is collected, a pooled source's Cleaner gives
 * them back like the stacks of any dropped continuation.
 *
 * <p>Not thread-safe: one cache per model.
 */
public final class CachingStackSource implements StackSource {
    private final StackSource shared;
    private final ContStack[] cache;
    private int count;

    /** A cache of up to {@code capacity} stacks in front of {@code shared}. */
    public CachingStackSource(StackSource shared, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.shared = shared;
        this.cache = new ContStack[capacity];
    }

    @Override
    public ContStack acquire() {
        int n = count;
        if (n == 0) {
            return shared.acquire();
        }
        count = --n;
        ContStack stack = cache[n];
        cache[n] = null;
        return stack;
    }

    @Override
    public void release(ContStack stack) {
        int n = count;
        if (n == cache.length) {
            shared.release(stack);
            return;
        }
        stack.clearUsed();
        cache[n] = stack;
        count = n + 1;
    }

    /** Gives every cached stack back to the shared source. */
    public void flush() {
        while (count > 0) {
            ContStack stack = cache[--count];
            cache[count] = null;
            stack.recordUsedBytes(0); // cleared when it was cached
            shared.release(stack);
        }
    }

    /** How many released stacks the cache holds now. */
    public int cached() {
        return count;
    }

    /** The most it holds. */
    public int capacity() {
        return cache.length;
    }

    /** The source behind the cache. */
    public StackSource shared() {
        return shared;
    }

    @Override
    public long reclaimed() {
        return shared.reclaimed();
    }

    /** The shared source's counters (cached stacks count as in use there). */
    @Override
    public PoolStats stats() {
        return shared.stats();
    }
}
