package dev.weft.stackpool.internal;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One reservation of equally sized slots, each with a guard below it and one guard above the
 * last:
 *
 * <pre>
 * base
 * | guard | slot 0 | guard | slot 1 | ... | guard | slot n-1 | guard |
 *   ---p    rw-p     ---p    rw-p            ---p    rw-p       ---p
 * </pre>
 *
 * <p>Natively the whole range is reserved {@code PROT_NONE} and only the slots are made
 * read-write, so guards cost address space but no memory. The slot segments are bounded and
 * belong to a shared arena; {@link #close()} closes the arena, which unmaps the range and makes
 * every later access through a slot segment throw instead of crash.
 *
 * <p>A heap region has no guards and no arena: its slots are {@code long[]}-backed segments.
 */
public final class SlotRegion implements AutoCloseable {
    private final long base;
    private final long bytes;
    private final Arena arena;
    private final MemorySegment[] slots;

    private SlotRegion(long base, long bytes, Arena arena, MemorySegment[] slots) {
        this.base = base;
        this.bytes = bytes;
        this.arena = arena;
        this.slots = slots;
    }

    /**
     * Maps {@code count} slots of {@code slotSize} bytes with {@code guardSize} guards. Sizes must
     * be multiples of the page size.
     */
    public static SlotRegion mapNative(int count, long slotSize, long guardSize) {
        return map(count, slotSize, guardSize, true);
    }

    /**
     * Like {@link #mapNative} but leaves the slots {@code PROT_NONE} too: their owner commits
     * pages with {@link NativeMmap#protect} as it needs them.
     */
    public static SlotRegion reserveNative(int count, long slotSize, long guardSize) {
        return map(count, slotSize, guardSize, false);
    }

    private static SlotRegion map(int count, long slotSize, long guardSize, boolean commit) {
        long stride = Math.addExact(slotSize, guardSize);
        long bytes = Math.addExact(Math.multiplyExact(stride, (long) count), guardSize);
        long base = NativeMmap.reserve(bytes);
        try {
            if (commit && guardSize == 0) {
                NativeMmap.protect(base, bytes, NativeMmap.PROT_READ_WRITE);
            } else if (commit) {
                for (int i = 0; i < count; i++) {
                    NativeMmap.protect(base + guardSize + i * stride, slotSize, NativeMmap.PROT_READ_WRITE);
                }
            }
        } catch (RuntimeException e) {
            NativeMmap.unmap(base, bytes);
            throw e;
        }
        Arena arena = Arena.ofShared();
        MemorySegment whole = NativeMmap.mapping(base, bytes, arena);
        MemorySegment[] slots = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            slots[i] = whole.asSlice(guardSize + i * stride, slotSize);
        }
        return new SlotRegion(base, bytes, arena, slots);
    }

    /** Allocates {@code count} heap-backed slots of {@code slotSize} bytes (a multiple of 8). */
    public static SlotRegion onHeap(int count, long slotSize) {
        MemorySegment[] slots = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            slots[i] = MemorySegment.ofArray(new long[Math.toIntExact(slotSize / Long.BYTES)]);
        }
        return new SlotRegion(0, 0, null, slots);
    }

    /** The segment of slot {@code i} of this region. */
    public MemorySegment slot(int i) {
        return slots[i];
    }

    /** Number of slots. */
    public int count() {
        return slots.length;
    }

    /** Raw base address of the reservation (0 on the heap). */
    public long base() {
        return base;
    }

    /** Bytes reserved, guards included (0 on the heap). */
    public long bytes() {
        return bytes;
    }

    /** True for mmap'd regions. */
    public boolean isNative() {
        return arena != null;
    }

    /** Unmaps a native region; slot segments throw on access afterwards. Idempotent. */
    @Override
    public void close() {
        if (arena != null && arena.scope().isAlive()) {
            arena.close();
        }
    }
}
