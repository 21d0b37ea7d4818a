package dev.weft.stackpool;

import dev.weft.stackpool.internal.IndexStack;
import dev.weft.stackpool.internal.NativeMmap;
import dev.weft.stackpool.internal.SlotRegion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pool of fixed-size stack slots, the memory behind every continuation's stack.
 *
 * <p>Slots live in regions of {@link PoolConfig#slotsPerRegion()} slots, each region one mmap
 * with a {@code PROT_NONE} guard below every slot (see {@link SlotRegion}). The pool starts
 * empty and adds a region when no free slot is left, up to {@link PoolConfig#maxSlots()}.
 * Free slots sit on a lock-free LIFO stack of indices ({@link IndexStack}), so the most recently
 * released (warmest) slot is handed out first, and acquire and release take no lock unless a
 * region must be added.
 *
 * <p>On release, up to {@link PoolConfig#residentThreshold()} free slots stay resident: the
 * releaser clears the bytes it reports as used (and the matching references). Slots released
 * beyond that are reset with {@code madvise(MADV_DONTNEED)}, which frees their pages and makes
 * them read as zero without a copy. Either way an acquired slot reads as zero.
 *
 * <p>Nothing is sized by {@link PoolConfig#maxSlots()} up front: the slot objects and the free
 * list's links live in chunks of {@link IndexStack#CHUNK} entries, made as regions are added, so
 * a pool allowed millions of slots costs only what it has created.
 *
 * <p>Thread-safe. {@link #close()} unmaps every region; slots still held then throw on access.
 */
public final class StackPool implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StackPool.class.getName());
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();

    private final PoolConfig config;
    private final PoolMode mode;
    private final boolean nativeMemory;
    final int refsLength;
    /** Slot {@code i} is {@code slots[i / CHUNK][i % CHUNK]}; chunks are made by {@link #grow}. */
    private final StackSlot[][] slots;
    private final IndexStack free;
    private final List<SlotRegion> regions = new ArrayList<>();
    private final Object growLock = new Object();
    private volatile int created;
    private volatile boolean closed;

    private final LongAdder released = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();
    private final AtomicInteger residentFree = new AtomicInteger();

    private StackPool(PoolConfig config, PoolMode mode, boolean nativeMemory) {
        this.config = config;
        this.mode = mode;
        this.nativeMemory = nativeMemory;
        this.refsLength = (int) (config.slotSize() / Long.BYTES);
        this.slots = new StackSlot[(config.maxSlots() + IndexStack.CHUNK - 1) / IndexStack.CHUNK][];
        this.free = new IndexStack(config.maxSlots());
    }

    /** A pool with {@link PoolConfig#defaults()}. */
    public static StackPool create() {
        return create(PoolConfig.defaults());
    }

    /**
     * A pool for {@code config}. No memory is reserved until the first acquire. Where mmap is
     * unavailable, {@link PoolMode#NATIVE} falls back to {@link PoolMode#HEAP} and
     * {@link PoolMode#UNPOOLED} to heap allocation, with one log line.
     *
     * @throws IllegalArgumentException if native sizes are not multiples of the page size
     */
    public static StackPool create(PoolConfig config) {
        PoolMode mode = config.mode();
        boolean nativeMemory = mode != PoolMode.HEAP && NativeMmap.isAvailable();
        if (mode != PoolMode.HEAP && !nativeMemory) {
            logFallback();
            if (mode == PoolMode.NATIVE) {
                mode = PoolMode.HEAP;
            }
        }
        if (nativeMemory) {
            long page = NativeMmap.pageSize();
            requirePageMultiple("slotSize", config.slotSize(), page);
            requirePageMultiple("guardSize", config.guardSize(), page);
        }
        return new StackPool(config, mode, nativeMemory);
    }

    /**
     * Hands out a free slot whose memory reads as zero and whose references are null.
     *
     * @throws PoolExhaustedException if {@link PoolConfig#maxSlots()} slots are in use or no
     *                                region can be reserved
     * @throws IllegalStateException  if the pool is closed
     */
    public StackSlot acquire() {
        if (closed) {
            throw new IllegalStateException("stack pool is closed");
        }
        int index = free.pop();
        if (index < 0) {
            index = grow();
        }
        StackSlot slot = slot(index);
        if (!slot.claim()) {
            throw new IllegalStateException("internal: free list held stack slot " + index + " that is in use");
        }
        if (mode == PoolMode.UNPOOLED) {
            attachFreshMemory(slot);
        } else if (slot.resident) {
            residentFree.decrementAndGet();
        }
        int now = inUse.incrementAndGet();
        if (now > highWater.get()) {
            highWater.accumulateAndGet(now, Math::max);
        }
        return slot;
    }

    /** Gives {@code slot} back, treating the whole slot as used. */
    public void release(StackSlot slot) {
        release(slot, config.slotSize());
    }

    /**
     * Gives {@code slot} back. {@code usedBytes} is the high-water mark of what the holder wrote,
     * counted from the start of the segment (and of the reference array, in 8-byte words); only
     * that part is cleared when the slot stays resident. Under-reporting leaks data to the next
     * holder.
     *
     * @throws IllegalArgumentException if the slot belongs to another pool, or usedBytes is out of range
     * @throws IllegalStateException    if the slot is already free (released twice)
     */
    public void release(StackSlot slot, long usedBytes) {
        if (slot.pool != this) {
            throw new IllegalArgumentException("stack slot " + slot.index() + " belongs to another pool");
        }
        if (usedBytes < 0 || usedBytes > config.slotSize()) {
            throw new IllegalArgumentException("usedBytes " + usedBytes + " outside 0.." + config.slotSize());
        }
        if (!slot.free()) {
            throw new IllegalStateException("stack slot " + slot.index() + " released twice: it is already free");
        }
        if (mode == PoolMode.UNPOOLED) {
            detachMemory(slot);
        } else {
            reset(slot, usedBytes);
        }
        released.increment();
        inUse.decrementAndGet();
        free.push(slot.index());
    }

    /** A snapshot of the counters. */
    public PoolStats stats() {
        int regionCount;
        synchronized (growLock) {
            regionCount = regions.size();
        }
        long releasedNow = released.sum();
        int inUseNow = inUse.get();
        return new PoolStats(releasedNow + inUseNow, releasedNow, inUseNow, highWater.get(), resets.sum(),
                regionCount, created);
    }

    /** The configuration this pool was created with. */
    public PoolConfig config() {
        return config;
    }

    /** The mode in effect: the configured one, or {@link PoolMode#HEAP} after a fallback. */
    public PoolMode mode() {
        return mode;
    }

    /** True if slots are mmap'd (with guard pages), false if they live on the Java heap. */
    public boolean isNative() {
        return nativeMemory;
    }

    /**
     * The raw base addresses of the native regions, in creation order, for diagnostics (e.g.
     * finding them in {@code /proc/self/maps}). Empty on the heap.
     */
    public long[] regionBases() {
        synchronized (growLock) {
            return regions.stream().filter(SlotRegion::isNative).mapToLong(SlotRegion::base).toArray();
        }
    }

    /** Unmaps all regions. Slots still held throw on access afterwards. Idempotent. */
    @Override
    public void close() {
        synchronized (growLock) {
            if (closed) {
                return;
            }
            closed = true;
            regions.forEach(SlotRegion::close);
            regions.clear();
            for (int i = 0; i < created; i++) {
                SlotRegion lease = slot(i).lease;
                if (lease != null) {
                    lease.close();
                }
            }
        }
    }

    private StackSlot slot(int index) {
        return slots[index / IndexStack.CHUNK][index % IndexStack.CHUNK];
    }

    private void reset(StackSlot slot, long usedBytes) {
        if (slot.refs != null) {
            Arrays.fill(slot.refs, 0, (int) ((usedBytes + Long.BYTES - 1) / Long.BYTES), null);
        }
        if (!nativeMemory || residentFree.incrementAndGet() <= config.residentThreshold()) {
            if (usedBytes > 0) {
                slot.segment.asSlice(0, usedBytes).fill((byte) 0);
            }
            slot.resident = nativeMemory; // counted in residentFree only when native
        } else {
            residentFree.decrementAndGet();
            NativeMmap.discard(slot.segment.address(), config.slotSize());
            resets.increment();
            slot.resident = false;
        }
    }

    private void attachFreshMemory(StackSlot slot) {
        try {
            slot.lease = nativeMemory
                    ? SlotRegion.mapNative(1, config.slotSize(), config.guardSize())
                    : SlotRegion.onHeap(1, config.slotSize());
        } catch (RuntimeException | OutOfMemoryError e) {
            slot.free();
            free.push(slot.index());
            throw new PoolExhaustedException("cannot allocate an unpooled stack slot of " + config.slotSize()
                    + " bytes (PoolConfig.slotSize): " + e.getMessage(), config.slotSize(), e);
        }
        slot.segment = slot.lease.slot(0);
    }

    private void detachMemory(StackSlot slot) {
        SlotRegion lease = slot.lease;
        slot.lease = null;
        slot.segment = null;
        slot.refs = null;
        lease.close();
    }

    /** Adds a region and returns one of its slots, or throws when the pool may not grow. */
    private int grow() {
        synchronized (growLock) {
            if (closed) {
                throw new IllegalStateException("stack pool is closed");
            }
            int index = free.pop();
            if (index >= 0) {
                return index;
            }
            int first = created;
            int max = config.maxSlots();
            if (first >= max) {
                throw new PoolExhaustedException("stack pool exhausted: all " + max + " slots are in use"
                        + " (PoolConfig.maxSlots = " + max + "); raise it with PoolConfig.withMaxSlots(n)"
                        + " or release slots sooner", max);
            }
            int count = Math.min(config.slotsPerRegion(), max - first);
            SlotRegion region = mode == PoolMode.UNPOOLED ? null : newRegion(count);
            free.ensureCapacity(first + count);
            for (int i = 0; i < count; i++) {
                int at = first + i;
                StackSlot[] chunk = slots[at / IndexStack.CHUNK];
                if (chunk == null) {
                    chunk = slots[at / IndexStack.CHUNK] = new StackSlot[IndexStack.CHUNK];
                }
                chunk[at % IndexStack.CHUNK] = new StackSlot(this, at, region == null ? null : region.slot(i));
            }
            if (region != null) {
                regions.add(region);
            }
            created = first + count;
            for (int i = count - 1; i > 0; i--) {
                free.push(first + i);
            }
            return first;
        }
    }

    private SlotRegion newRegion(int count) {
        try {
            return nativeMemory
                    ? SlotRegion.mapNative(count, config.slotSize(), config.guardSize())
                    : SlotRegion.onHeap(count, config.slotSize());
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new PoolExhaustedException("stack pool cannot reserve a region of " + count + " slots of "
                    + config.slotSize() + " bytes: " + e.getMessage() + "; lower PoolConfig.slotsPerRegion,"
                    + " PoolConfig.slotSize or PoolConfig.maxSlots", config.maxSlots(), e);
        }
    }

    private static void requirePageMultiple(String field, long value, long page) {
        if (value % page != 0) {
            throw new IllegalArgumentException("PoolConfig." + field + " = " + value
                    + " must be a multiple of the page size " + page + " for a native pool");
        }
    }

    /** Logs, once per JVM, that pools use the heap because mmap is unavailable. */
    static void logFallback() {
        if (FALLBACK_LOGGED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "mmap is unavailable (" + NativeMmap.unavailableReason()
                    + "); stack and memory pools use the Java heap without guard pages");
        }
    }
}
