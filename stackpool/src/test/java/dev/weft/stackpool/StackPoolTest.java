package dev.weft.stackpool;

import dev.weft.stackpool.internal.NativeMmap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class StackPoolTest {
    private static final long PAGE = NativeMmap.pageSize();
    private static final PoolConfig SMALL = PoolConfig.defaults()
            .withSlotSize(4 * PAGE).withGuardSize(PAGE).withSlotsPerRegion(4).withMaxSlots(8);

    private static void fill(StackSlot slot, long bytes, byte value) {
        slot.segment().asSlice(0, bytes).fill(value);
    }

    private static boolean allZero(MemorySegment segment) {
        return segment.mismatch(MemorySegment.ofArray(new byte[(int) segment.byteSize()])) == -1;
    }

    @Nested
    class GuardPages {
        @Test
        void guardsBetweenSlotsAreProtNoneInProcMapsAndTheMappingIsGoneAfterClose() {
            assumeTrue(NativeMmap.isAvailable(), "needs mmap");
            StackPool pool = StackPool.create(SMALL);
            pool.acquire();
            long base = pool.regionBases()[0];
            long slot = SMALL.slotSize();
            long guard = SMALL.guardSize();
            ProcMaps maps = ProcMaps.read();
            for (int i = 0; i < SMALL.slotsPerRegion(); i++) {
                long guardStart = base + i * (slot + guard);
                long slotStart = guardStart + guard;
                assertEquals("---p", maps.permsOf(guardStart, slotStart), "guard below slot " + i);
                assertTrue(maps.hasExactly(slotStart, slotStart + slot), "slot " + i + " is its own mapping");
                assertEquals("rw-p", maps.permsOf(slotStart, slotStart + slot), "slot " + i);
            }
            long end = base + SMALL.slotsPerRegion() * (slot + guard);
            assertEquals("---p", maps.permsOf(end, end + guard), "guard above the last slot");

            pool.close();
            ProcMaps after = ProcMaps.read();
            for (int i = 0; i < SMALL.slotsPerRegion(); i++) {
                long slotStart = base + i * (slot + guard) + guard;
                assertFalse(after.hasExactly(slotStart, slotStart + slot), "slot " + i + " unmapped");
            }
        }

        @Test
        void slotSegmentsAreBoundedToTheSlotSize() {
            try (StackPool pool = StackPool.create(SMALL)) {
                StackSlot slot = pool.acquire();
                assertEquals(SMALL.slotSize(), slot.segment().byteSize());
                assertEquals(SMALL.slotSize() / 8, slot.refs().length);
                assertThrows(IndexOutOfBoundsException.class,
                        () -> slot.segment().get(ValueLayout.JAVA_BYTE, SMALL.slotSize()));
            }
        }

        @Test
        void aSlotHeldAcrossCloseThrowsInsteadOfCrashing() {
            StackPool pool = StackPool.create(SMALL);
            StackSlot slot = pool.acquire();
            pool.close();
            if (pool.isNative()) {
                assertThrows(IllegalStateException.class, () -> slot.segment().get(ValueLayout.JAVA_LONG, 0));
            }
            assertThrows(IllegalStateException.class, pool::acquire);
        }
    }

    @Nested
    class Reset {
        @Test
        void aSlotReleasedBeyondTheResidentThresholdIsResetWithMadviseAndReadsAsZero() {
            assumeTrue(NativeMmap.isAvailable(), "needs mmap");
            try (StackPool pool = StackPool.create(SMALL.withResidentThreshold(0))) {
                StackSlot slot = pool.acquire();
                fill(slot, SMALL.slotSize(), (byte) 0x5A);
                slot.refs()[3] = "ref";
                pool.release(slot, SMALL.slotSize());
                StackSlot again = pool.acquire();
                assertSame(slot, again, "LIFO reuse");
                assertTrue(allZero(again.segment()));
                assertNull(again.refs()[3]);
                assertEquals(new PoolStats(2, 1, 1, 1, 1, 1, 4), pool.stats());
            }
        }

        @Test
        void aSlotKeptResidentHasItsUsedPartClearedAndNothingElse() {
            try (StackPool pool = StackPool.create(SMALL.withResidentThreshold(4))) {
                StackSlot slot = pool.acquire();
                fill(slot, 1000, (byte) 0x33);
                slot.refs()[0] = "a";
                slot.refs()[124] = "b";
                // written beyond what the releaser reports: proves that only the used part is cleared
                slot.segment().set(ValueLayout.JAVA_BYTE, 2000, (byte) 7);
                pool.release(slot, 1000);
                StackSlot again = pool.acquire();
                assertSame(slot, again);
                assertTrue(allZero(again.segment().asSlice(0, 1000)));
                assertNull(again.refs()[0]);
                assertNull(again.refs()[124]);
                assertEquals(7, again.segment().get(ValueLayout.JAVA_BYTE, 2000));
                assertEquals(0, pool.stats().resets());
            }
        }

        @Test
        void statsCountEveryOperationAndTheHighWaterMark() {
            try (StackPool pool = StackPool.create(SMALL.withResidentThreshold(1))) {
                StackSlot a = pool.acquire();
                StackSlot b = pool.acquire();
                StackSlot c = pool.acquire();
                pool.release(a, 0);
                pool.release(b, 8);
                pool.release(c);
                pool.acquire();
                PoolStats stats = pool.stats();
                assertEquals(4, stats.acquired());
                assertEquals(3, stats.released());
                assertEquals(1, stats.inUse());
                assertEquals(3, stats.highWater());
                assertEquals(pool.isNative() ? 2 : 0, stats.resets());
                assertEquals(1, stats.regions());
            }
        }

        @Test
        void theMostRecentlyReleasedSlotIsHandedOutFirst() {
            try (StackPool pool = StackPool.create(SMALL)) {
                StackSlot a = pool.acquire();
                StackSlot b = pool.acquire();
                pool.release(a, 0);
                pool.release(b, 0);
                assertSame(b, pool.acquire());
                assertSame(a, pool.acquire());
            }
        }

        @Test
        void theRevisionChangesOnReleaseSoAStaleHolderIsDetected() {
            try (StackPool pool = StackPool.create(SMALL)) {
                StackSlot slot = pool.acquire();
                int revision = slot.revision();
                slot.checkRevision(revision);
                pool.release(slot, 0);
                assertFalse(slot.isCurrent(revision));
                pool.acquire();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> slot.checkRevision(revision));
                assertTrue(e.getMessage().startsWith("stale stack slot 0"), e.getMessage());
            }
        }
    }

    @Nested
    class Misuse {
        @Test
        void exhaustionNamesTheLimitAndTheFieldThatRaisesIt() {
            try (StackPool pool = StackPool.create(SMALL.withMaxSlots(3).withSlotsPerRegion(2))) {
                StackSlot first = pool.acquire();
                pool.acquire();
                pool.acquire();
                PoolExhaustedException e = assertThrows(PoolExhaustedException.class, pool::acquire);
                assertEquals("stack pool exhausted: all 3 slots are in use (PoolConfig.maxSlots = 3);"
                        + " raise it with PoolConfig.withMaxSlots(n) or release slots sooner", e.getMessage());
                assertEquals(3, e.limit());
                assertEquals(2, pool.stats().regions());
                pool.release(first, 0);
                assertSame(first, pool.acquire());
            }
        }

        @Test
        void releasingASlotTwiceIsRejected() {
            try (StackPool pool = StackPool.create(SMALL)) {
                StackSlot slot = pool.acquire();
                pool.release(slot, 0);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.release(slot, 0));
                assertEquals("stack slot 0 released twice: it is already free", e.getMessage());
                assertEquals(0, pool.stats().inUse());
                assertEquals(1, pool.stats().released());
            }
        }

        @Test
        void releasingASlotOfAnotherPoolIsRejected() {
            try (StackPool pool = StackPool.create(SMALL); StackPool other = StackPool.create(SMALL)) {
                StackSlot foreign = other.acquire();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.release(foreign));
                assertEquals("stack slot 0 belongs to another pool", e.getMessage());
                other.release(foreign);
            }
        }

        @Test
        void usedBytesBeyondTheSlotAreRejected() {
            try (StackPool pool = StackPool.create(SMALL)) {
                StackSlot slot = pool.acquire();
                assertThrows(IllegalArgumentException.class, () -> pool.release(slot, SMALL.slotSize() + 1));
                assertThrows(IllegalArgumentException.class, () -> pool.release(slot, -1));
                pool.release(slot, SMALL.slotSize());
            }
        }

        @Test
        void nativeSizesMustBePageMultiples() {
            assumeTrue(NativeMmap.isAvailable(), "needs mmap");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StackPool.create(SMALL.withSlotSize(PAGE + 8)));
            assertTrue(e.getMessage().startsWith("PoolConfig.slotSize = "), e.getMessage());
        }

        @Test
        void configRejectsNonsense() {
            assertThrows(IllegalArgumentException.class, () -> SMALL.withSlotSize(12));
            assertThrows(IllegalArgumentException.class, () -> SMALL.withMaxSlots(0));
            assertThrows(IllegalArgumentException.class, () -> SMALL.withResidentThreshold(-1));
            assertThrows(IllegalArgumentException.class, () -> SMALL.withMode(null));
        }
    }

    @Nested
    class Modes {
        @Test
        void theDefaultModeIsNativeOnLinux() {
            assumeTrue(NativeMmap.isAvailable(), "needs mmap");
            try (StackPool pool = StackPool.create()) {
                assertEquals(PoolMode.NATIVE, pool.mode());
                assertTrue(pool.isNative());
            }
        }

        @Test
        void heapModeHandsOutZeroedHeapSegmentsWithoutRegionsInProcMaps() {
            try (StackPool pool = StackPool.create(SMALL.withMode(PoolMode.HEAP).withResidentThreshold(0))) {
                assertFalse(pool.isNative());
                StackSlot slot = pool.acquire();
                assertFalse(slot.segment().isNative());
                fill(slot, 100, (byte) 1);
                pool.release(slot, 100);
                assertTrue(allZero(pool.acquire().segment()));
                assertArrayEquals(new long[0], pool.regionBases());
                assertEquals(0, pool.stats().resets());
            }
        }

        @Test
        void unpooledModeGivesFreshMemoryEachTimeAndFreesItOnRelease() {
            try (StackPool pool = StackPool.create(SMALL.withMode(PoolMode.UNPOOLED))) {
                StackSlot slot = pool.acquire();
                MemorySegment first = slot.segment();
                fill(slot, SMALL.slotSize(), (byte) 9);
                pool.release(slot, 0);
                if (pool.isNative()) {
                    assertThrows(IllegalStateException.class, () -> first.get(ValueLayout.JAVA_BYTE, 0));
                }
                StackSlot again = pool.acquire();
                assertNotSame(first, again.segment());
                assertTrue(allZero(again.segment()));
                assertEquals(new PoolStats(2, 1, 1, 1, 0, 0, 4), pool.stats());
            }
        }

        @ParameterizedTest
        @EnumSource(PoolMode.class)
        void everyModeHandsOutZeroedSlotsAfterReuse(PoolMode mode) {
            try (StackPool pool = StackPool.create(SMALL.withMode(mode).withResidentThreshold(1))) {
                StackSlot[] held = new StackSlot[SMALL.maxSlots()];
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < held.length; i++) {
                        held[i] = pool.acquire();
                        assertTrue(allZero(held[i].segment()), mode + " slot " + held[i].index());
                        fill(held[i], 64 * (i + 1), (byte) (i + 1));
                    }
                    for (int i = 0; i < held.length; i++) {
                        pool.release(held[i], 64 * (i + 1));
                    }
                }
                assertEquals(0, pool.stats().inUse());
                assertEquals(held.length, pool.stats().highWater());
            }
        }
    }
}
