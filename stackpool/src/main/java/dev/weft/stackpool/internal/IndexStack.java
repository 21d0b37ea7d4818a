package dev.weft.stackpool.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A lock-free LIFO stack of slot indices {@code 0 .. capacity-1} (a Treiber stack).
 *
 * <p>The head is one {@code long}: the top index in the low 32 bits (-1 when empty) and a tag in
 * the high 32 bits that every successful push or pop increments. A pop that read the head, was
 * overtaken by other threads popping and pushing the same index back, and then tries its CAS,
 * fails because the tag moved on (the ABA problem). The tag wraps after 2^32 operations, so a
 * thread would have to stall for exactly that many operations to be fooled.
 *
 * <p>The links ({@code next[i]}, the index below {@code i}) live in chunks of {@value #CHUNK}
 * entries made by {@link #ensureCapacity} as the owner adds indices, so a large capacity costs
 * one small directory up front, not an array of {@code capacity} ints. A chunk never moves;
 * {@link #ensureCapacity} must cover an index before it is first pushed.
 *
 * <p>{@code next[i]} is written with a plain store before the CAS that publishes {@code i}. A
 * pop may read a stale {@code next[i]} while racing, but it only uses the value when its CAS
 * succeeds, and success proves that the head has not changed since its volatile read, so the
 * push that wrote {@code next[i]} happens-before the read. The same chain publishes the chunk.
 *
 * <p>Each index must be on the stack at most once; callers guarantee that (the pool checks slot
 * state before pushing).
 */
public final class IndexStack {
    /** Entries per chunk of links. */
    public static final int CHUNK = 1024;
    private static final int SHIFT = Integer.numberOfTrailingZeros(CHUNK);
    private static final int EMPTY = -1;

    private final int[][] chunks;
    private final AtomicLong head = new AtomicLong(pack(0, EMPTY));

    /** An empty stack for indices below {@code capacity}; links for none of them yet. */
    public IndexStack(int capacity) {
        this.chunks = new int[(int) (((long) capacity + CHUNK - 1) >>> SHIFT)][];
    }

    /**
     * Makes room for the links of indices below {@code limit}. Call before pushing any of them
     * for the first time, from one thread at a time (the pool's grow lock).
     */
    public void ensureCapacity(int limit) {
        for (int c = 0; c < chunks.length && (long) c << SHIFT < limit; c++) {
            if (chunks[c] == null) {
                chunks[c] = new int[CHUNK];
            }
        }
    }

    /** Pushes {@code index}, which must not be on the stack already. */
    public void push(int index) {
        int[] chunk = chunks[index >>> SHIFT];
        int at = index & (CHUNK - 1);
        while (true) {
            long h = head.get();
            chunk[at] = (int) h;
            if (head.compareAndSet(h, pack(tag(h) + 1, index))) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    /** Pops the most recently pushed index, or returns -1 when the stack is empty. */
    public int pop() {
        while (true) {
            long h = head.get();
            int top = (int) h;
            if (top == EMPTY) {
                return EMPTY;
            }
            int below = chunks[top >>> SHIFT][top & (CHUNK - 1)];
            if (head.compareAndSet(h, pack(tag(h) + 1, below))) {
                return top;
            }
            Thread.onSpinWait();
        }
    }

    private static int tag(long h) {
        return (int) (h >>> 32);
    }

    private static long pack(int tag, int index) {
        return ((long) tag << 32) | (index & 0xFFFF_FFFFL);
    }
}
