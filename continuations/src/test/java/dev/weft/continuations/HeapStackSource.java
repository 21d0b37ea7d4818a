package dev.weft.continuations;

import dev.weft.stackpool.PoolStats;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;

/**
 * Stacks on the Java heap: a {@code long[]} behind each segment and an {@code Object[]} of
 * references. Released stacks are kept on a LIFO free list and handed out again (cleared), so
 * recycling behaves as with a pool; stacks of dropped continuations are simply collected.
 *
 * <p>Not thread-safe: one source per model.
 */
public final class HeapStackSource implements StackSource {
    private final int words;
    private final StackFactory factory;
    private final ArrayDeque<ContStack> free = new ArrayDeque<>();
    private long acquired;
    private long released;
    private int inUse;
    private int highWater;
    private int created;

    /** A source of stacks of {@code bytes} bytes (rounded up to whole words), made by {@code factory}. */
    public HeapStackSource(long bytes, StackFactory factory) {
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("stack size " + bytes + " outside 1.." + Integer.MAX_VALUE);
        }
        this.words = (int) ((bytes + Long.BYTES - 1) / Long.BYTES);
        this.factory = factory;
    }

    /** A source of plain {@link ContStack}s of {@code bytes} bytes. */
    public HeapStackSource(long bytes) {
        this(bytes, StackFactory.PLAIN);
    }

    @Override
    public ContStack acquire() {
        ContStack stack = free.pollFirst();
        if (stack == null) {
            stack = factory.create(MemorySegment.ofArray(new long[words]), new Object[words], null);
            created++;
        }
        acquired++;
        inUse++;
        highWater = Math.max(highWater, inUse);
        return stack;
    }

    @Override
    public void release(ContStack stack) {
        stack.clearUsed();
        released++;
        inUse--;
        free.addFirst(stack);
    }

    @Override
    public PoolStats stats() {
        return new PoolStats(acquired, released, inUse, highWater, 0, 0, created);
    }
}
