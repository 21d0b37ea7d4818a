package dev.weft.stackpool;

import dev.weft.stackpool.internal.IndexStack;
import dev.weft.stackpool.internal.NativeMmap;
import dev.weft.stackpool.internal.SlotRegion;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pool of linear memories. Each slot reserves {@link MemoryPoolConfig#maxBytes()} of address
 * space ({@code PROT_NONE}) with a guard below it; {@link #acquire(long)} and
 * {@link MemorySlot#grow(long)} commit pages with {@code mprotect(PROT_READ|PROT_WRITE)}, and
 * {@link #release(MemorySlot)} drops them with {@code madvise(MADV_DONTNEED)} and protects them
 * again, so the next holder starts from zeroes without a copy.
 *
 * <pre>
 * region: | guard | slot 0: committed (rw-p) | reserved (---p) ... maxBytes | guard | slot 1 ... | guard |
 *                   ^ segment() covers byteSize() bytes from here
 * </pre>
 *
 * <p>In {@link PoolMode#HEAP} mode (also the fallback where mmap is unavailable) a memory is a
 * {@code long[]} that is copied on grow; in {@link PoolMode#UNPOOLED} mode each acquire maps its
 * own reservation and each release unmaps it. Free slots are handed out LIFO from a lock-free
 * stack. Thread-safe; a single slot is not (see {@link MemorySlot}).
 */
public final class MemoryPool implements AutoCloseable {
    private final MemoryPoolConfig config;
    private final boolean nativeMemory;
    private final long page;
    private final MemorySlot[] slots;
    private final IndexStack free;
    private final List<SlotRegion> regions = new ArrayList<>();
    private final Object growLock = new Object();
    private volatile int created;
    private volatile boolean closed;

    private final LongAdder acquired = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final LongAdder resets = new LongAdder();
    private final AtomicInteger inUse = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();

    private MemoryPool(MemoryPoolConfig config, boolean nativeMemory) {
        this.config = config;
        this.nativeMemory = nativeMemory;
        this.page = NativeMmap.pageSize();
        this.slots = new MemorySlot[config.maxSlots()];
        this.free = new IndexStack(config.maxSlots());
        free.ensureCapacity(config.maxSlots()); // memories are few: all links up front
    }

    /** A pool with {@link MemoryPoolConfig#defaults()}. */
    public static MemoryPool create() {
        return create(MemoryPoolConfig.defaults());
    }

    /**
     * A pool for {@code config}; nothing is reserved before the first acquire. Falls back to the
     * heap where mmap is unavailable, like {@link StackPool#create(PoolConfig)}.
     */
    public static MemoryPool create(MemoryPoolConfig config) {
        boolean nativeMemory = config.mode() != PoolMode.HEAP && NativeMmap.isAvailable();
        if (config.mode() != PoolMode.HEAP && !nativeMemory) {
            StackPool.logFallback();
        }
        if (nativeMemory && (config.maxBytes() % NativeMmap.pageSize() != 0
                || config.guardBytes() % NativeMmap.pageSize() != 0)) {
            throw new IllegalArgumentException("MemoryPoolConfig.maxBytes and guardBytes must be multiples of the"
                    + " page size " + NativeMmap.pageSize() + " for a native pool");
        }
        if (!nativeMemory && config.maxBytes() / Long.BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a heap memory pool holds at most 16 GiB per slot"
                    + " (MemoryPoolConfig.maxBytes = " + config.maxBytes() + ")");
        }
        return new MemoryPool(config, nativeMemory);
    }

    /**
     * Hands out a memory of {@code initialBytes} (at most {@link MemoryPoolConfig#maxBytes()})
     * that reads as zero.
     *
     * @throws PoolExhaustedException if {@link MemoryPoolConfig#maxSlots()} memories are in use
     *                                or no reservation can be made
     */
    public MemorySlot acquire(long initialBytes) {
        if (initialBytes < 0 || initialBytes > config.maxBytes()) {
            throw new IllegalArgumentException("initialBytes " + initialBytes
                    + " outside 0..MemoryPoolConfig.maxBytes = " + config.maxBytes());
        }
        if (closed) {
            throw new IllegalStateException("memory pool is closed");
        }
        int index = free.pop();
        if (index < 0) {
            index = grow();
        }
        MemorySlot slot = slots[index];
        if (!slot.claim()) {
            throw new IllegalStateException("internal: free list held memory slot " + index + " that is in use");
        }
        try {
            open(slot, initialBytes);
        } catch (RuntimeException e) {
            scrub(slot);
            slot.free();
            free.push(index);
            throw e;
        }
        acquired.increment();
        int now = inUse.incrementAndGet();
        if (now > highWater.get()) {
            highWater.accumulateAndGet(now, Math::max);
        }
        return slot;
    }

    /**
     * Gives {@code slot} back: its pages are dropped and protected again, and its segments throw
     * on access from now on.
     *
     * @throws IllegalArgumentException if the slot belongs to another pool
     * @throws IllegalStateException    if the slot is already free
     */
    public void release(MemorySlot slot) {
        if (slot.pool != this) {
            throw new IllegalArgumentException("memory slot " + slot.index() + " belongs to another pool");
        }
        if (!slot.free()) {
            throw new IllegalStateException("memory slot " + slot.index() + " released twice: it is already free");
        }
        scrub(slot);
        released.increment();
        inUse.decrementAndGet();
        free.push(slot.index());
    }

    /**
     * Resets {@code slot} in place for its holder's next use, without giving it back: the first
     * {@code keepResidentBytes} of what was committed are zeroed with a memset and stay resident
     * (no page faults when used again), the rest is dropped with {@code madvise(MADV_DONTNEED)}
     * (it reads as zero and is no longer resident) but stays accessible, and the memory becomes
     * {@code bytes} long. Cheaper than {@link #release} and {@link #acquire}, which close the
     * slot's shared arena (a handshake with every thread) and protect and unprotect its pages;
     * but segments handed out before stay usable, over the next use's data, so only a holder that
     * no longer hands them out should reset.
     *
     * @return the memory's new segment
     * @throws IllegalArgumentException if the slot belongs to another pool or bytes is out of range
     * @throws IllegalStateException    if the slot is not in use
     * @throws PoolExhaustedException   if the system cannot commit {@code bytes}
     */
    public MemorySegment reset(MemorySlot slot, long bytes, long keepResidentBytes) {
        if (slot.pool != this) {
            throw new IllegalArgumentException("memory slot " + slot.index() + " belongs to another pool");
        }
        if (!slot.inUse()) {
            throw new IllegalStateException("memory slot " + slot.index() + " is released");
        }
        if (bytes < 0 || bytes > config.maxBytes()) {
            throw new IllegalArgumentException("bytes " + bytes + " outside 0..MemoryPoolConfig.maxBytes = "
                    + config.maxBytes());
        }
        if (!nativeMemory) {
            slot.segment.fill((byte) 0);
            slot.segment = null;
            slot.size = 0;
            resize(slot, bytes);
            return slot.segment;
        }
        long keep = Math.min(slot.committed, (Math.max(0, keepResidentBytes) + page - 1) & -page);
        NativeMmap.segment(slot.address, keep, slot.arena).fill((byte) 0);
        if (slot.committed > keep) {
            NativeMmap.discard(slot.address + keep, slot.committed - keep);
            resets.increment();
        }
        resize(slot, bytes);
        return slot.segment;
    }

    /** A snapshot of the counters; {@code resets} counts madvise calls. */
    public PoolStats stats() {
        int regionCount;
        synchronized (growLock) {
            regionCount = regions.size();
        }
        return new PoolStats(acquired.sum(), released.sum(), inUse.get(), highWater.get(), resets.sum(),
                regionCount, created);
    }

    /** The configuration. */
    public MemoryPoolConfig config() {
        return config;
    }

    /** True if memories are mmap'd, false if they live on the Java heap. */
    public boolean isNative() {
        return nativeMemory;
    }

    /** Unmaps everything; memories still held throw on access afterwards. Idempotent. */
    @Override
    public void close() {
        synchronized (growLock) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < created; i++) {
                MemorySlot slot = slots[i];
                if (slot.arena != null) {
                    slot.arena.close();
                }
                if (slot.lease != null) {
                    slot.lease.close();
                }
            }
            regions.forEach(SlotRegion::close);
            regions.clear();
        }
    }

    /** Drops a slot's memory: closes its arena, then resets or unmaps its pages. */
    private void scrub(MemorySlot slot) {
        if (slot.arena != null) {
            slot.arena.close();
            slot.arena = null;
        }
        if (slot.lease != null) {
            slot.lease.close();
            slot.lease = null;
        } else if (slot.committed > 0) {
            NativeMmap.discard(slot.address, slot.committed);
            NativeMmap.protect(slot.address, slot.committed, NativeMmap.PROT_NONE);
            resets.increment();
        }
        slot.segment = null;
        slot.size = 0;
        slot.committed = 0;
    }

    /** Gives a just-claimed slot its memory of {@code bytes}. */
    private void open(MemorySlot slot, long bytes) {
        if (!nativeMemory) {
            slot.size = 0;
            resize(slot, bytes);
            return;
        }
        if (config.mode() == PoolMode.UNPOOLED) {
            slot.lease = reserve(1);
            slot.address = slot.lease.slot(0).address();
        }
        slot.arena = Arena.ofShared();
        slot.size = 0;
        slot.committed = 0;
        resize(slot, bytes);
    }

    /** Grows {@code slot} to {@code bytes}: commits pages, or copies into a larger array. */
    void resize(MemorySlot slot, long bytes) {
        if (!nativeMemory) {
            long[] grown;
            try {
                grown = new long[Math.toIntExact((bytes + Long.BYTES - 1) / Long.BYTES)];
            } catch (OutOfMemoryError e) {
                throw new PoolExhaustedException("the Java heap cannot hold a memory of " + bytes
                        + " bytes; raise -Xmx or use PoolMode.NATIVE", bytes, e);
            }
            MemorySegment fresh = MemorySegment.ofArray(grown);
            if (slot.segment != null) {
                fresh.copyFrom(slot.segment);
            }
            slot.size = bytes;
            slot.segment = fresh.asSlice(0, bytes);
            return;
        }
        long target = (bytes + page - 1) & -page;
        if (target > slot.committed) {
            try {
                NativeMmap.protect(slot.address + slot.committed, target - slot.committed,
                        NativeMmap.PROT_READ_WRITE);
            } catch (IllegalStateException e) {
                throw new PoolExhaustedException("cannot commit " + bytes + " bytes for memory slot " + slot.index()
                        + ": " + e.getMessage() + "; the system is out of memory or mappings", bytes, e);
            }
            slot.committed = target;
        }
        slot.exposeNative(bytes);
    }

    /**
     * Reserves the regions for {@code slots} memories now (at most
     * {@link MemoryPoolConfig#maxSlots()}), so that later acquires find their slots reserved:
     * address space only, nothing committed. A pool that holds that many already does nothing.
     *
     * @throws PoolExhaustedException if a reservation fails
     * @throws IllegalStateException  if the pool is closed
     */
    public void preallocate(int slots) {
        synchronized (growLock) {
            if (closed) {
                throw new IllegalStateException("memory pool is closed");
            }
            while (created < Math.min(slots, config.maxSlots())) {
                free.push(addRegion());
            }
        }
    }

    private int grow() {
        synchronized (growLock) {
            if (closed) {
                throw new IllegalStateException("memory pool is closed");
            }
            int index = free.pop();
            if (index >= 0) {
                return index;
            }
            return addRegion();
        }
    }

    /** Creates the next region's slots: returns the first, the others go on the free list. Holds growLock. */
    private int addRegion() {
        int first = created;
        int max = config.maxSlots();
        if (first >= max) {
            throw new PoolExhaustedException("memory pool exhausted: all " + max + " memories are in use"
                    + " (MemoryPoolConfig.maxSlots = " + max + "); raise it with"
                    + " MemoryPoolConfig.withMaxSlots(n)", max);
        }
        int count = Math.min(config.slotsPerRegion(), max - first);
        SlotRegion region = nativeMemory && config.mode() != PoolMode.UNPOOLED ? reserve(count) : null;
        for (int i = 0; i < count; i++) {
            slots[first + i] = new MemorySlot(this, first + i, region == null ? 0 : region.slot(i).address());
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

    private SlotRegion reserve(int count) {
        try {
            return SlotRegion.reserveNative(count, config.maxBytes(), config.guardBytes());
        } catch (RuntimeException e) {
            throw new PoolExhaustedException("memory pool cannot reserve " + count + " slots of " + config.maxBytes()
                    + " bytes: " + e.getMessage() + "; lower MemoryPoolConfig.maxBytes or slotsPerRegion",
                    config.maxBytes(), e);
        }
    }
}
