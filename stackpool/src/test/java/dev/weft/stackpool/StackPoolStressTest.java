package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StackPoolStressTest {
    private static final int THREADS = 2;
    private static final int CYCLES = 1_000_000;
    private static final long PAGE = NativeMmap.pageSize();

    /**
     * Each cycle acquires a slot, claims it in an owner table (which fails if another thread
     * holds it), checks that it reads as zero where it will write, writes a pattern that names
     * the thread and the cycle, verifies it, and releases it reporting the bytes it used. A
     * small pool (8 slots in regions of 4, 1 kept resident) makes threads contend for the same
     * slots, the free-list head, pool growth and both reset paths.
     */
    @Test
    void twoThreadsCyclingAMillionTimesEachNeverShareASlotAndLoseNone() throws Exception {
        PoolConfig config = PoolConfig.defaults().withSlotSize(PAGE).withGuardSize(PAGE)
                .withSlotsPerRegion(4).withMaxSlots(8).withResidentThreshold(1);
        try (StackPool pool = StackPool.create(config)) {
            AtomicIntegerArray owners = new AtomicIntegerArray(config.maxSlots());
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int t = 1; t <= THREADS; t++) {
                int me = t;
                workers.add(CompletableFuture.runAsync(() -> cycle(pool, owners, me), runnable -> {
                    Thread thread = new Thread(runnable, "stress-" + me);
                    thread.start();
                }));
            }
            for (CompletableFuture<Void> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
            PoolStats stats = pool.stats();
            assertEquals(0, stats.inUse(), "no lost slot");
            assertEquals((long) THREADS * CYCLES, stats.acquired());
            assertEquals((long) THREADS * CYCLES, stats.released());
            for (int i = 0; i < config.maxSlots(); i++) {
                assertEquals(0, owners.get(i), "owner of slot " + i);
            }
        }
    }

    private static void cycle(StackPool pool, AtomicIntegerArray owners, int me) {
        long lastWord = pool.config().slotSize() / 8 - 1;
        for (int n = 0; n < CYCLES; n++) {
            StackSlot slot = pool.acquire();
            int holder = owners.getAndSet(slot.index(), me);
            if (holder != 0) {
                throw new AssertionError("slot " + slot.index() + " handed to thread " + me + " while thread "
                        + holder + " holds it");
            }
            MemorySegment s = slot.segment();
            if (s.getAtIndex(JAVA_LONG, 0) != 0 || s.getAtIndex(JAVA_LONG, lastWord) != 0) {
                throw new AssertionError("slot " + slot.index() + " not zero at acquire");
            }
            long pattern = ((long) me << 32) | n;
            s.setAtIndex(JAVA_LONG, 0, pattern);
            s.setAtIndex(JAVA_LONG, lastWord, ~pattern);
            slot.refs()[0] = slot;
            if (s.getAtIndex(JAVA_LONG, 0) != pattern || s.getAtIndex(JAVA_LONG, lastWord) != ~pattern) {
                throw new AssertionError("slot " + slot.index() + " overwritten while held by thread " + me);
            }
            if (!owners.compareAndSet(slot.index(), me, 0)) {
                throw new AssertionError("owner of slot " + slot.index() + " changed while thread " + me + " held it");
            }
            pool.release(slot, s.byteSize());
        }
    }
}
