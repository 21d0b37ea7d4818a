package dev.weft.stackpool;

/**
 * Configuration of a {@link StackPool}. Start from {@link #defaults()} and change fields with
 * the {@code with…} methods; the record checks its own consistency, and the pool checks page
 * alignment when it is native.
 *
 * <p>The defaults are sized for 10,000 live continuations on a machine with tens of GiB: 64 KiB
 * slots with a 4 KiB guard below each, regions of 1,024 slots (68 MiB of address space each,
 * committed only when touched), at most 16,384 slots (1 GiB of stack if all were touched), and
 * 256 released slots (16 MiB) kept resident for fast reuse.
 *
 * @param slotSize          bytes per slot, a positive multiple of 8 (of the page size when native)
 * @param guardSize         bytes of {@code PROT_NONE} guard below each slot (and above the last
 *                          slot of a region), a multiple of the page size, may be 0; ignored on
 *                          the heap
 * @param slotsPerRegion    slots reserved by one mmap; the pool grows one region at a time
 * @param maxSlots          the most slots the pool will create; acquiring more throws
 *                          {@link PoolExhaustedException}
 * @param residentThreshold how many released slots stay resident (cleared by the releaser up to
 *                          the bytes it used); slots released beyond it are reset with madvise
 * @param mode              where the memory comes from
 */
public record PoolConfig(long slotSize, long guardSize, int slotsPerRegion, int maxSlots, int residentThreshold,
                         PoolMode mode) {
    /** 64 KiB. */
    public static final long DEFAULT_SLOT_SIZE = 64 * 1024;
    /** 4 KiB, one page on x86_64 Linux. */
    public static final long DEFAULT_GUARD_SIZE = 4 * 1024;
    /** 1,024 slots per region. */
    public static final int DEFAULT_SLOTS_PER_REGION = 1024;
    /** 16,384 slots. */
    public static final int DEFAULT_MAX_SLOTS = 16 * 1024;
    /** 256 slots kept resident. */
    public static final int DEFAULT_RESIDENT_THRESHOLD = 256;

    /** Checks the fields. */
    public PoolConfig {
        if (slotSize <= 0 || slotSize % Long.BYTES != 0 || slotSize / Long.BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("slotSize must be a positive multiple of 8 below 16 GiB: " + slotSize);
        }
        if (guardSize < 0) {
            throw new IllegalArgumentException("guardSize must not be negative: " + guardSize);
        }
        if (maxSlots <= 0) {
            throw new IllegalArgumentException("maxSlots must be positive: " + maxSlots);
        }
        if (slotsPerRegion <= 0) {
            throw new IllegalArgumentException("slotsPerRegion must be positive: " + slotsPerRegion);
        }
        if (residentThreshold < 0) {
            throw new IllegalArgumentException("residentThreshold must not be negative: " + residentThreshold);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode must not be null");
        }
    }

    /** The defaults described above, in {@link PoolMode#NATIVE} mode. */
    public static PoolConfig defaults() {
        return new PoolConfig(DEFAULT_SLOT_SIZE, DEFAULT_GUARD_SIZE, DEFAULT_SLOTS_PER_REGION, DEFAULT_MAX_SLOTS,
                DEFAULT_RESIDENT_THRESHOLD, PoolMode.NATIVE);
    }

    /** A copy with another slot size. */
    public PoolConfig withSlotSize(long bytes) {
        return new PoolConfig(bytes, guardSize, slotsPerRegion, maxSlots, residentThreshold, mode);
    }

    /** A copy with another guard size. */
    public PoolConfig withGuardSize(long bytes) {
        return new PoolConfig(slotSize, bytes, slotsPerRegion, maxSlots, residentThreshold, mode);
    }

    /** A copy with another region size in slots. */
    public PoolConfig withSlotsPerRegion(int slots) {
        return new PoolConfig(slotSize, guardSize, slots, maxSlots, residentThreshold, mode);
    }

    /** A copy with another maximum slot count. */
    public PoolConfig withMaxSlots(int slots) {
        return new PoolConfig(slotSize, guardSize, slotsPerRegion, slots, residentThreshold, mode);
    }

    /** A copy with another resident threshold. */
    public PoolConfig withResidentThreshold(int slots) {
        return new PoolConfig(slotSize, guardSize, slotsPerRegion, maxSlots, slots, mode);
    }

    /** A copy with another mode. */
    public PoolConfig withMode(PoolMode newMode) {
        return new PoolConfig(slotSize, guardSize, slotsPerRegion, maxSlots, residentThreshold, newMode);
    }
}
