package dev.weft.continuations;

import dev.weft.stackpool.PoolConfig;
import dev.weft.stackpool.PoolMode;
import dev.weft.stackpool.StackPool;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A thread's cache in front of a shared pool source: reuse without the pool, clearing, overflow. */
class CachingStackSourceTest {
    private static StackPool heapPool() {
        return StackPool.create(PoolConfig.defaults().withSlotSize(1024).withSlotsPerRegion(16).withMaxSlots(64)
                .withMode(PoolMode.HEAP));
    }

    @Test
    void aReleasedStackIsClearedOverItsUsedPartAndHandedOutAgainWithoutThePool() {
        try (StackPool pool = heapPool()) {
            CachingStackSource cache = new CachingStackSource(new PoolStackSource(pool), 2);
            ContStack a = cache.acquire();
            a.segment().setAtIndex(ValueLayout.JAVA_LONG, 1, 7L);
            a.refs()[1] = "x";
            a.recordUsedBytes(16);
            cache.release(a);
            assertEquals(1, cache.cached());
            assertSame(a, cache.acquire());
            assertEquals(0L, a.segment().getAtIndex(ValueLayout.JAVA_LONG, 1));
            assertNull(a.refs()[1]);
            assertEquals(-1, a.usedBytes());
            assertEquals(1, pool.stats().acquired(), "the pool handed out one stack");
            assertEquals(0, pool.stats().released());
        }
    }

    @Test
    void beyondItsCapacityStacksGoBackToThePoolAndFlushReturnsTheRest() {
        try (StackPool pool = heapPool()) {
            CachingStackSource cache = new CachingStackSource(new PoolStackSource(pool), 2);
            ContStack[] held = {cache.acquire(), cache.acquire(), cache.acquire()};
            for (ContStack s : held) {
                cache.release(s);
            }
            assertEquals(2, cache.cached());
            assertEquals(2, pool.stats().inUse(), "cached stacks count as in use in the pool");
            cache.flush();
            assertEquals(0, cache.cached());
            assertEquals(0, pool.stats().inUse());
            assertEquals(3, pool.stats().highWater());
        }
    }
}
