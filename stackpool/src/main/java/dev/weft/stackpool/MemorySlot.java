package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import dev.weft.stackpool.internal.SlotRegion;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One linear memory from a {@link MemoryPool}: a reservation of
 * {@link MemoryPoolConfig#maxBytes()} of which the first {@link #byteSize()} bytes are committed
 * and visible through {@link #segment()}.
 *
 * <p>Not thread-safe: a slot belongs to one holder, which grows and releases it. After release,
 * every segment of a native slot throws on access instead of touching protected pages: each
 * acquire gets its own shared arena, closed on release. After {@link #grow(long)}, earlier
 * segments stay valid but keep their old bound (on the heap they show the old copy, so take the
 * new segment). {@link #revision()} and {@link #checkRevision(int)} detect a stale holder as in
 * {@link StackSlot}.
 */
public final class MemorySlot {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(MemorySlot.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final MemoryPool pool;
    private final int index;
    /** Start of the slot's reservation (native), or 0. */
    long address;
    private volatile int state;
    private volatile int revision;
    /** Bytes visible through the segment. */
    long size;
    /** Bytes made read-write (size rounded up to pages), native only. */
    long committed;
    MemorySegment segment;
    /** The lease's arena (native), closed on release. */
    Arena arena;
    /** The slot's own reservation in {@link PoolMode#UNPOOLED} mode, else null. */
    SlotRegion lease;

    MemorySlot(MemoryPool pool, int index, long address) {
        this.pool = pool;
        this.index = index;
        this.address = address;
    }

    /** The slot's index in its pool. */
    public int index() {
        return index;
    }

    /** Incremented by every release. */
    public int revision() {
        return revision;
    }

    /** Committed, accessible bytes. */
    public long byteSize() {
        return size;
    }

    /** The most this memory can grow to. */
    public long maxBytes() {
        return pool.config().maxBytes();
    }

    /** The memory, bounded to {@link #byteSize()}; zero-filled where never written. */
    public MemorySegment segment() {
        return segment;
    }

    /**
     * Grows the memory to {@code newBytes} (committing pages natively, copying on the heap) and
     * returns the new segment; the contents are kept and the new part reads as zero.
     *
     * @throws IllegalArgumentException if newBytes is below the current size or above
     *                                  {@link MemoryPoolConfig#maxBytes()}
     * @throws IllegalStateException    if the slot has been released
     * @throws PoolExhaustedException   if the system (or the Java heap) cannot provide the pages;
     *                                  the memory keeps its old size
     */
    public MemorySegment grow(long newBytes) {
        if (state != StackSlot.IN_USE) {
            throw new IllegalStateException("memory slot " + index + " is released");
        }
        if (newBytes < size || newBytes > maxBytes()) {
            throw new IllegalArgumentException("cannot grow memory slot " + index + " from " + size + " to "
                    + newBytes + " bytes: the limit is MemoryPoolConfig.maxBytes = " + maxBytes());
        }
        pool.resize(this, newBytes);
        return segment;
    }

    /** True while the slot is handed out under {@code expectedRevision}. */
    public boolean isCurrent(int expectedRevision) {
        return state == StackSlot.IN_USE && revision == expectedRevision;
    }

    /** Throws {@link IllegalStateException} if the holder of {@code expectedRevision} is stale. */
    public void checkRevision(int expectedRevision) {
        if (!isCurrent(expectedRevision)) {
            throw new IllegalStateException("stale memory slot " + index + ": holder has revision "
                    + expectedRevision + ", slot is at revision " + revision);
        }
    }

    boolean inUse() {
        return state == StackSlot.IN_USE;
    }

    boolean claim() {
        return STATE.compareAndSet(this, StackSlot.FREE, StackSlot.IN_USE);
    }

    boolean free() {
        if (!STATE.compareAndSet(this, StackSlot.IN_USE, StackSlot.FREE)) {
            return false;
        }
        revision = revision + 1;
        return true;
    }

    /** Bounds the segment to {@code bytes} of the native reservation, in the lease's arena. */
    void exposeNative(long bytes) {
        size = bytes;
        segment = NativeMmap.segment(address, bytes, arena);
    }

    @Override
    public String toString() {
        return "MemorySlot[" + index + ", " + size + " bytes, revision " + revision + "]";
    }
}
