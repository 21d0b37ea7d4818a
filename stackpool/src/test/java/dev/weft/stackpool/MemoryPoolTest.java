package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class MemoryPoolTest {
    private static final long WASM_PAGE = 64 * 1024;
    private static final MemoryPoolConfig SMALL = MemoryPoolConfig.defaults()
            .withMaxBytes(16 * WASM_PAGE).withSlotsPerRegion(2).withMaxSlots(3);

    private static boolean allZero(MemorySegment segment) {
        return segment.mismatch(MemorySegment.ofArray(new byte[(int) segment.byteSize()])) == -1;
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void growKeepsTheContentsAndTheNewPartReadsAsZero(PoolMode mode) {
        try (MemoryPool pool = MemoryPool.create(SMALL.withMode(mode))) {
            MemorySlot memory = pool.acquire(WASM_PAGE);
            assertEquals(WASM_PAGE, memory.segment().byteSize());
            memory.segment().set(JAVA_LONG, WASM_PAGE - 8, 42L);
            MemorySegment grown = memory.grow(3 * WASM_PAGE);
            assertEquals(3 * WASM_PAGE, grown.byteSize());
            assertEquals(42L, grown.get(JAVA_LONG, WASM_PAGE - 8));
            assertTrue(allZero(grown.asSlice(WASM_PAGE)));
            assertThrows(IndexOutOfBoundsException.class, () -> grown.get(JAVA_BYTE, 3 * WASM_PAGE));
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void aReleasedMemoryIsResetAndItsOldSegmentIsUnusable(PoolMode mode) {
        try (MemoryPool pool = MemoryPool.create(SMALL.withMode(mode))) {
            MemorySlot memory = pool.acquire(2 * WASM_PAGE);
            MemorySegment old = memory.segment();
            old.fill((byte) 0x77);
            pool.release(memory);
            if (pool.isNative()) {
                assertThrows(IllegalStateException.class, () -> old.get(JAVA_BYTE, 0));
            }
            MemorySlot again = pool.acquire(4 * WASM_PAGE);
            assertSame(memory, again, "LIFO reuse");
            assertTrue(allZero(again.segment()));
            PoolStats stats = pool.stats();
            assertEquals(2, stats.acquired());
            assertEquals(1, stats.released());
            assertEquals(mode == PoolMode.NATIVE && pool.isNative() ? 1 : 0, stats.resets());
        }
    }

    @Test
    void committedPagesAreReadWriteAndTheRestOfTheReservationIsProtNone() {
        assumeTrue(NativeMmap.isAvailable(), "needs mmap");
        try (MemoryPool pool = MemoryPool.create(SMALL)) {
            MemorySlot memory = pool.acquire(WASM_PAGE);
            long start = memory.segment().address();
            ProcMaps maps = ProcMaps.read();
            assertEquals("rw-p", maps.permsOf(start, start + WASM_PAGE));
            assertEquals("---p", maps.permsOf(start + WASM_PAGE, start + SMALL.maxBytes()));
            assertEquals("---p", maps.permsOf(start - SMALL.guardBytes(), start));
            memory.grow(2 * WASM_PAGE);
            assertEquals("rw-p", ProcMaps.read().permsOf(start, start + 2 * WASM_PAGE));
            pool.release(memory);
            assertEquals("---p", ProcMaps.read().permsOf(start, start + SMALL.maxBytes()));
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void resetInPlaceZeroesWhatWasWrittenAndSetsTheNewSize(PoolMode mode) {
        try (MemoryPool pool = MemoryPool.create(SMALL.withMode(mode))) {
            MemorySlot memory = pool.acquire(2 * WASM_PAGE);
            memory.segment().fill((byte) 0x77);
            memory.grow(4 * WASM_PAGE).fill((byte) 0x66);
            int revision = memory.revision();
            MemorySegment reset = pool.reset(memory, WASM_PAGE, WASM_PAGE);
            assertEquals(WASM_PAGE, reset.byteSize());
            assertTrue(allZero(reset));
            assertTrue(allZero(memory.grow(4 * WASM_PAGE)), "the part beyond the resident one reads as zero too");
            assertTrue(memory.isCurrent(revision), "still held: not released and acquired again");
            assertEquals(1, pool.stats().acquired());
            assertEquals(0, pool.stats().released());
            assertEquals(pool.isNative() ? 1 : 0, pool.stats().resets(), "one madvise, for the part not kept resident");
        }
    }

    @Test
    void resetChecksItsSlot() {
        try (MemoryPool pool = MemoryPool.create(SMALL); MemoryPool other = MemoryPool.create(SMALL)) {
            MemorySlot memory = pool.acquire(WASM_PAGE);
            assertThrows(IllegalArgumentException.class, () -> other.reset(memory, 0, 0));
            assertThrows(IllegalArgumentException.class, () -> pool.reset(memory, 17 * WASM_PAGE, 0));
            pool.release(memory);
            assertThrows(IllegalStateException.class, () -> pool.reset(memory, 0, 0));
        }
    }

    @Test
    void preallocateReservesEveryRegionUpFrontAndTheSlotsStillComeOutFree() {
        assumeTrue(NativeMmap.isAvailable(), "needs mmap");
        try (MemoryPool pool = MemoryPool.create(SMALL)) {
            pool.preallocate(3);
            assertEquals(2, pool.stats().regions(), "3 slots in regions of 2");
            assertEquals(0, pool.stats().inUse());
            pool.preallocate(3);
            assertEquals(2, pool.stats().regions(), "a second call reserves nothing more");
            for (int i = 0; i < 3; i++) {
                assertTrue(allZero(pool.acquire(WASM_PAGE).segment()));
            }
            assertEquals(2, pool.stats().regions());
            assertThrows(PoolExhaustedException.class, () -> pool.acquire(0));
        }
    }

    @Test
    void theDefaultsReserveFourGibibytesPerMemory() {
        assumeTrue(NativeMmap.isAvailable(), "needs mmap");
        try (MemoryPool pool = MemoryPool.create()) {
            MemorySlot memory = pool.acquire(WASM_PAGE);
            assertEquals(4L << 30, memory.maxBytes());
            MemorySegment segment = memory.grow(10 * WASM_PAGE);
            segment.set(JAVA_LONG, 10 * WASM_PAGE - 8, 1L);
            assertEquals(1, pool.stats().regions());
        }
    }

    @Test
    void growingPastTheMaximumOrShrinkingIsRejectedNamingTheLimit() {
        try (MemoryPool pool = MemoryPool.create(SMALL)) {
            MemorySlot memory = pool.acquire(2 * WASM_PAGE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> memory.grow(17 * WASM_PAGE));
            assertEquals("cannot grow memory slot 0 from 131072 to 1114112 bytes: the limit is"
                    + " MemoryPoolConfig.maxBytes = 1048576", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> memory.grow(WASM_PAGE));
            assertEquals(2 * WASM_PAGE, memory.byteSize());
        }
    }

    @Test
    void aReservationTheSystemRefusesIsAPoolExhaustedExceptionNotAnError() {
        assumeTrue(NativeMmap.isAvailable(), "needs mmap");
        try (MemoryPool pool = MemoryPool.create(SMALL.withMaxBytes(1L << 60).withSlotsPerRegion(1))) {
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(0));
            assertTrue(e.getMessage().startsWith("memory pool cannot reserve 1 slots of 1152921504606846976 bytes:"
                    + " mmap(NULL, 1152921504606978048, PROT_NONE) failed: ENOMEM (12)"), e.getMessage());
            assertEquals(0, pool.stats().inUse());
        }
    }

    @Test
    void exhaustionDoubleReleaseAndForeignSlotsAreReportedClearly() {
        try (MemoryPool pool = MemoryPool.create(SMALL); MemoryPool other = MemoryPool.create(SMALL)) {
            MemorySlot a = pool.acquire(0);
            pool.acquire(0);
            pool.acquire(0);
            PoolExhaustedException e = assertThrows(PoolExhaustedException.class, () -> pool.acquire(0));
            assertEquals("memory pool exhausted: all 3 memories are in use (MemoryPoolConfig.maxSlots = 3);"
                    + " raise it with MemoryPoolConfig.withMaxSlots(n)", e.getMessage());
            pool.release(a);
            assertThrows(IllegalStateException.class, () -> pool.release(a));
            assertThrows(IllegalStateException.class, () -> a.grow(WASM_PAGE));
            MemorySlot foreign = other.acquire(0);
            assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
            int revision = foreign.revision();
            other.release(foreign);
            assertFalse(foreign.isCurrent(revision));
            assertNotNull(pool.acquire(0));
        }
    }
}
