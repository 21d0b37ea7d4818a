package dev.weft.interpreter.exec.memory;

import dev.weft.stackpool.MemoryPool;
import dev.weft.stackpool.MemoryPoolConfig;
import dev.weft.stackpool.MemorySlot;
import dev.weft.stackpool.PoolExhaustedException;
import dev.weft.stackpool.PoolMode;
import java.lang.ref.Cleaner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide {@link MemoryPool}s behind mapped linear memories, one per reservation size
 * (a power of two of bytes, so memories with nearby maxima share a pool). A slot goes back to
 * its pool when its instance is closed or, for an instance dropped without {@code close()},
 * when the {@link Cleaner} finds the memory unreachable; released slots read as zero on reuse
 * ({@code madvise(MADV_DONTNEED)} in the pool).
 */
final class MappedMemories {
    /** How long an exhausted pool waits for the Cleaner to return dropped memories. */
    static final int CLEANER_WAIT_MS = 10_000;
    /** How long it waits before the first collection, and between collections after that. */
    private static final int FIRST_WAIT_MS = 5;
    private static final int GC_EVERY_MS = 250;

    /** Address space all slots of one size may reserve together (32 TiB of a 128 TiB user space). */
    private static final long ADDRESS_BUDGET = 32L << 40;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final ConcurrentHashMap<Long, MemoryPool> POOLS = new ConcurrentHashMap<>();

    private MappedMemories() {}

    /** The reservation for a memory of at most {@code maxBytes}: the next power of two, at least 64 KiB. */
    static long reservation(long maxBytes) {
        long r = Math.max(maxBytes, MemoryInstance.PAGE_SIZE);
        return Long.bitCount(r) == 1 ? r : Long.highestOneBit(r) << 1;
    }

    /**
     * A slot of {@code pool} holding {@code initialBytes} zero bytes. When the pool is exhausted,
     * retries while the Cleaner returns memories that were dropped without {@code close()}:
     * first briefly (it may already be at work), then
     * running a collection every {@link #GC_EVERY_MS} until a slot is had or
     * {@link #CLEANER_WAIT_MS} have passed. It retries the acquire itself rather than watching
     * the pool's in-use count: a release lowers that count a moment before the slot is on the
     * free list, and on one CPU that window failed a CI run ("all 8192 memories are in use").
     *
     * @throws PoolExhaustedException if no slot can be had
     */
    static MemorySlot acquire(MemoryPool pool, long initialBytes) {
        return acquire(pool, () -> pool.acquire(initialBytes));
    }

    /**
     * {@link #acquire(MemoryPool, long)} by {@code attempt}, which gets a slot of {@code pool}
     * (from wherever its caller keeps the ones the Cleaner returns) or throws
     * {@link PoolExhaustedException}.
     */
    static MemorySlot acquire(MemoryPool pool, java.util.function.Supplier<MemorySlot> attempt) {
        long start = System.nanoTime();
        long lastGc = -1;
        while (true) {
            try {
                return attempt.get();
            } catch (PoolExhaustedException exhausted) {
                // retry the acquire itself: the pool counts a slot free a moment before it can be had
                long waited = (System.nanoTime() - start) / 1_000_000;
                if (waited >= CLEANER_WAIT_MS) {
                    throw new PoolExhaustedException(exhausted.getMessage() + "; waited " + waited
                            + " ms for the Cleaner to return dropped memories (returned so far: "
                            + pool.stats().released() + ")", pool.config().maxSlots(), exhausted);
                }
                if (waited >= FIRST_WAIT_MS && (lastGc < 0 || waited - lastGc >= GC_EVERY_MS)) {
                    System.gc();
                    lastGc = waited;
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw exhausted;
                }
            }
        }
    }

    /**
     * Registers {@code owner} so that {@code giveBack} (returning a slot) runs when the returned
     * action runs (explicit release) or when {@code owner} becomes unreachable, whichever comes first.
     */
    static Cleaner.Cleanable track(Object owner, Runnable giveBack) {
        return CLEANER.register(owner, giveBack);
    }

    /** The process-wide pool of slots of {@code reserveBytes} (from {@link #reservation}). */
    static MemoryPool poolFor(long reserveBytes) {
        return POOLS.computeIfAbsent(reserveBytes, MappedMemories::newPool);
    }

    /**
     * A pool of its own for {@code slots} memories of {@code reserveBytes} each (an instance
     * pool's), every region reserved now.
     *
     * @throws PoolExhaustedException if the address space cannot be reserved
     */
    static MemoryPool dedicatedPool(long reserveBytes, int slots) {
        MemoryPool pool = MemoryPool.create(config(reserveBytes, slots));
        try {
            pool.preallocate(slots);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    private static MemoryPool newPool(long reserveBytes) {
        return MemoryPool.create(config(reserveBytes, (int) Math.max(8, Math.min(1 << 16, ADDRESS_BUDGET / reserveBytes))));
    }

    private static MemoryPoolConfig config(long reserveBytes, int slots) {
        int perRegion = reserveBytes >= (1L << 30) ? 1 : 8;
        return MemoryPoolConfig.defaults().withMaxBytes(reserveBytes)
                .withSlotsPerRegion(perRegion).withMaxSlots(slots).withMode(PoolMode.NATIVE);
    }
}
