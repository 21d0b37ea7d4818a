package dev.weft.fibers;

import java.util.ArrayList;
import java.util.List;

/** Handles of live fibers: small non-zero ints, reused LIFO after {@link #remove}. */
final class FiberTable {
    private final List<Fiber> fibers = new ArrayList<>();
    private int[] free = new int[16];
    private int freeCount;
    private int live;

    /** Stores {@code f}; returns its handle (never 0). */
    int add(Fiber f) {
        live++;
        if (freeCount > 0) {
            int h = free[--freeCount];
            fibers.set(h - 1, f);
            return h;
        }
        fibers.add(f);
        return fibers.size();
    }

    /** The fiber of {@code handle}, or null for 0, a freed or an unknown handle. */
    Fiber get(int handle) {
        return handle > 0 && handle <= fibers.size() ? fibers.get(handle - 1) : null;
    }

    /** Forgets {@code handle} (which must be live). */
    void remove(int handle) {
        fibers.set(handle - 1, null);
        if (freeCount == free.length) {
            free = java.util.Arrays.copyOf(free, 2 * free.length);
        }
        free[freeCount++] = handle;
        live--;
    }

    /** Fibers allocated and not freed. */
    int live() {
        return live;
    }
}
