package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackPoolStressTest {
    private static final int THREADS = 2;
    private static final int CYCLES = 1_000_000;
    /** Slots each thread holds at once: more than one region, so growth happens under contention. */
    private static final int HELD = 5;
    private static final long PAGE = NativeMmap.pageSize();

    /**
     * Each cycle acquires a slot, claims it in an owner table (which fails if another thread
     * holds it), checks that it reads as zero where it will write, writes a pattern naming the
     * thread and the cycle, and releases the slot it acquired {@value #HELD} cycles ago after
     * checking that its pattern is intact. Regions of 4 slots, at most 12, 2 kept resident:
     * threads contend for the free-list head, pool growth and both reset paths.
     */
    @Test
    void twoThreadsCyclingAMillionTimesEachNeverShareASlotAndLoseNone() throws Exception {
        PoolConfig config = PoolConfig.defaults().withSlotSize(PAGE).withGuardSize(PAGE)
                .withSlotsPerRegion(4).withMaxSlots(12).withResidentThreshold(2);
        try (StackPool pool = StackPool.create(config)) {
            AtomicIntegerArray owners = new AtomicIntegerArray(config.maxSlots());
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                int me = t;
                workers.add(CompletableFuture.runAsync(() -> cycle(pool, owners, me),
                        runnable -> new Thread(runnable, "stress-" + me).start()));
            }
            for (CompletableFuture<Void> worker : workers) {
                worker.get(120, TimeUnit.SECONDS);
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.inUse(), "no lost slot");
            assertEquals((long) THREADS * CYCLES, stats.acquired());
            assertEquals((long) THREADS * CYCLES, stats.released());
            assertTrue(stats.regions() >= 2, "grew beyond one region: " + stats);
            assertTrue(stats.resets() > 0 || !pool.isNative(), "some releases went past the resident threshold: "
                    + stats);
            for (int i = 0; i < config.maxSlots(); i++) {
                assertEquals(0, owners.get(i), "owner of slot " + i);
            }
            for (int i = 0; i < stats.slots(); i++) {
                StackSlot slot = pool.acquire();
                assertTrue(slot.segment().getAtIndex(JAVA_LONG, 0) == 0, "slot " + slot.index() + " zero at the end");
            }
            assertEquals(stats.slots(), pool.stats().inUse());
        }
    }

    private static void cycle(StackPool pool, AtomicIntegerArray owners, int me) {
        long lastWord = pool.config().slotSize() / 8 - 1;
        ArrayDeque<StackSlot> held = new ArrayDeque<>();
        ArrayDeque<Long> patterns = new ArrayDeque<>();
        for (int n = 0; n < CYCLES; n++) {
            StackSlot slot = pool.acquire();
            int holder = owners.getAndSet(slot.index(), me);
            if (holder != 0) {
                throw new AssertionError("slot " + slot.index() + " handed to thread " + me + " while thread "
                        + holder + " holds it");
            }
            MemorySegment s = slot.segment();
            if (s.getAtIndex(JAVA_LONG, 0) != 0 || s.getAtIndex(JAVA_LONG, lastWord) != 0 || slot.refs()[0] != null) {
                throw new AssertionError("slot " + slot.index() + " not zero at acquire");
            }
            long pattern = ((long) me << 32) | n;
            s.setAtIndex(JAVA_LONG, 0, pattern);
            s.setAtIndex(JAVA_LONG, lastWord, ~pattern);
            slot.refs()[0] = slot;
            held.addLast(slot);
            patterns.addLast(pattern);
            if (held.size() == HELD) {
                releaseOldest(pool, owners, me, held, patterns, lastWord);
            }
        }
        while (!held.isEmpty()) {
            releaseOldest(pool, owners, me, held, patterns, lastWord);
        }
    }

    private static void releaseOldest(StackPool pool, AtomicIntegerArray owners, int me, ArrayDeque<StackSlot> held,
                                      ArrayDeque<Long> patterns, long lastWord) {
        StackSlot slot = held.removeFirst();
        long pattern = patterns.removeFirst();
        MemorySegment s = slot.segment();
        if (s.getAtIndex(JAVA_LONG, 0) != pattern || s.getAtIndex(JAVA_LONG, lastWord) != ~pattern) {
            throw new AssertionError("slot " + slot.index() + " overwritten while held by thread " + me);
        }
        if (!owners.compareAndSet(slot.index(), me, 0)) {
            throw new AssertionError("owner of slot " + slot.index() + " changed while thread " + me + " held it");
        }
        pool.release(slot, s.byteSize());
    }
}
