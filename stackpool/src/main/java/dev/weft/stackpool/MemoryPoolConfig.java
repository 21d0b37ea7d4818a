package dev.weft.stackpool;

/**
 * Configuration of a {@link MemoryPool}. Start from {@link #defaults()} and change fields with
 * the {@code with…} methods.
 *
 * <p>Defaults: every slot reserves 4 GiB, the largest 32-bit Wasm memory (65,536 pages of
 * 64 KiB), plus a 64 KiB guard below it; regions of 8 slots (about 32 GiB of address space
 * each, nothing committed until grown); at most 1,024 slots, i.e. 4 TiB of address space at
 * most, well inside the 128 TiB a Linux x86_64 process has. Guards are a backstop for native
 * code only: Java accesses are bounded by the segment, which covers just the committed size.
 *
 * @param maxBytes       bytes reserved per slot: the most a memory can grow to; a multiple
 *                       of the page size when native, of 8 on the heap (at most 16 GiB there)
 * @param guardBytes     {@code PROT_NONE} bytes below each slot (and above a region's last),
 *                       a multiple of the page size, may be 0
 * @param slotsPerRegion slots reserved by one mmap
 * @param maxSlots       the most memories alive at once
 * @param mode           where the memory comes from ({@link PoolMode#UNPOOLED}: one mmap per
 *                       acquire, unmapped on release)
 */
public record MemoryPoolConfig(long maxBytes, long guardBytes, int slotsPerRegion, int maxSlots, PoolMode mode) {
    /** 4 GiB. */
    public static final long DEFAULT_MAX_BYTES = 4L << 30;
    /** 64 KiB, one Wasm page. */
    public static final long DEFAULT_GUARD_BYTES = 64 * 1024;
    /** 8 slots per region. */
    public static final int DEFAULT_SLOTS_PER_REGION = 8;
    /** 1,024 slots. */
    public static final int DEFAULT_MAX_SLOTS = 1024;

    /** Checks the fields. */
    public MemoryPoolConfig {
        if (maxBytes <= 0 || maxBytes % Long.BYTES != 0) {
            throw new IllegalArgumentException("maxBytes must be a positive multiple of 8: " + maxBytes);
        }
        if (guardBytes < 0) {
            throw new IllegalArgumentException("guardBytes must not be negative: " + guardBytes);
        }
        if (slotsPerRegion <= 0 || maxSlots <= 0) {
            throw new IllegalArgumentException("slotsPerRegion and maxSlots must be positive: "
                    + slotsPerRegion + ", " + maxSlots);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
    }

    /** The defaults described above, in {@link PoolMode#NATIVE} mode. */
    public static MemoryPoolConfig defaults() {
        return new MemoryPoolConfig(DEFAULT_MAX_BYTES, DEFAULT_GUARD_BYTES, DEFAULT_SLOTS_PER_REGION,
                DEFAULT_MAX_SLOTS, PoolMode.NATIVE);
    }

    /** A copy with another per-slot maximum. */
    public MemoryPoolConfig withMaxBytes(long bytes) {
        return new MemoryPoolConfig(bytes, guardBytes, slotsPerRegion, maxSlots, mode);
    }

    /** A copy with another guard size. */
    public MemoryPoolConfig withGuardBytes(long bytes) {
        return new MemoryPoolConfig(maxBytes, bytes, slotsPerRegion, maxSlots, mode);
    }

    /** A copy with another region size in slots. */
    public MemoryPoolConfig withSlotsPerRegion(int slots) {
        return new MemoryPoolConfig(maxBytes, guardBytes, slots, maxSlots, mode);
    }

    /** A copy with another maximum slot count. */
    public MemoryPoolConfig withMaxSlots(int slots) {
        return new MemoryPoolConfig(maxBytes, guardBytes, slotsPerRegion, slots, mode);
    }

    /** A copy with another mode. */
    public MemoryPoolConfig withMode(PoolMode newMode) {
        return new MemoryPoolConfig(maxBytes, guardBytes, slotsPerRegion, maxSlots, newMode);
    }
}
