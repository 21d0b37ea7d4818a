package dev.weft.fibers;

/**
 * Shadow stacks of freed fibers kept for the next {@code fiber_alloc}, so that a program that
 * creates and frees fibers one after another (c10m: ten million) does not call into the guest's
 * allocator twice per fiber. Holds at most {@link #CAPACITY} regions, all of one size; a region
 * is only kept when its canary was intact at its fiber's last switch (the switch check traps
 * otherwise), and C code needs no zeroed stack.
 */
final class ShadowStackCache {
    static final int CAPACITY = 1024;

    private final int[] lows = new int[CAPACITY];
    private int count;
    private int bytes = -1;

    /** A cached region of {@code size} bytes (its low address), or 0. */
    int take(int size) {
        return size == bytes && count > 0 ? lows[--count] : 0;
    }

    /**
     * Keeps the region at {@code low} of {@code size} bytes; false when it must be freed now
     * (the cache is full or holds another size).
     */
    boolean offer(int low, int size) {
        if (count > 0 && size != bytes) {
            return false;
        }
        if (count == CAPACITY) {
            return false;
        }
        bytes = size;
        lows[count++] = low;
        return true;
    }

    /** Empties the cache, returning the low addresses it held (for the guest to free). */
    int[] drain() {
        int[] all = java.util.Arrays.copyOf(lows, count);
        count = 0;
        return all;
    }
}
