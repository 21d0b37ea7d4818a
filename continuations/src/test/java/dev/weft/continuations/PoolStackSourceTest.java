package dev.weft.continuations;

import dev.weft.stackpool.PoolConfig;
import dev.weft.stackpool.PoolMode;
import dev.weft.stackpool.StackPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The model over a real {@link StackPool}: recycling, scale, and Cleaner reclamation (§6 invariant 8). */
class PoolStackSourceTest {
    private static final long PAGE = 4096;
    private final TestTag yield = new TestTag("yield");
    private final HandlerTable onYield = HandlerTable.builder().onSuspend(yield, 0).build();
    private StackPool pool;

    private Continuations model(int maxSlots) {
        return model(maxSlots, PoolMode.NATIVE);
    }

    private Continuations model(int maxSlots, PoolMode mode) {
        pool = StackPool.create(PoolConfig.defaults().withSlotSize(PAGE).withGuardSize(PAGE)
                .withMaxSlots(maxSlots).withSlotsPerRegion(Math.min(1024, maxSlots)).withMode(mode));
        return new Continuations(new PoolStackSource(pool));
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aStackObjectTravelsWithItsSlotAndTheGenerationTellsTheLivesApart() {
        Continuations model = model(8);
        ContStack root = model.enter();
        ContRef first = model.create("a");
        ContStack stack = first.top();
        stack.segment().setAtIndex(ValueLayout.JAVA_LONG, 0, 42L);
        stack.refs()[0] = "reference";
        stack.recordUsedBytes(8);
        model.returned(model.resume(root, first, onYield));
        ContRef second = model.create("b");
        assertSame(stack, second.top(), "LIFO pool, same slot, same object");
        assertEquals(0L, stack.segment().getAtIndex(ValueLayout.JAVA_LONG, 0), "cleared on release");
        assertEquals(null, stack.refs()[0]);
        assertTrue(first.isConsumed());
        assertEquals(StackState.FRESH, stack.state());
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void everyPoolModeRunsAndRecyclesContinuations(PoolMode mode) {
        Continuations model = model(4, mode);
        ContStack root = model.enter();
        for (int i = 0; i < 10; i++) {
            ContRef k = model.create(i);
            ContStack s = model.resume(root, k, onYield);
            ContRef parked = Chains.suspend(model, s, yield).continuation();
            assertSame(s, model.resume(root, parked, onYield));
            assertSame(root, model.returned(s));
            assertTrue(k.isConsumed() && parked.isConsumed());
        }
        assertEquals(1, pool.stats().inUse());
        assertEquals(2, pool.stats().highWater());
    }

    @Test
    void aMillionCreateResumeReturnCyclesKeepThePoolHighWaterMarkSmall() {
        Continuations model = model(16);
        ContStack root = model.enter();
        for (int i = 0; i < 1_000_000; i++) {
            ContStack s = model.resume(root, model.create("f"), onYield);
            s.recordUsedBytes(16);
            model.returned(s);
        }
        ContinuationStats stats = model.stats();
        assertEquals(1_000_000, stats.completed());
        assertEquals(2, stats.pool().highWater(), "root and one continuation");
        assertEquals(1, stats.pool().inUse());
        assertEquals(0, stats.reclaimed());
    }

    @Test
    void aHundredThousandSuspendedContinuationsCanBeHeldAtOnceAndFinished() {
        int count = 100_000;
        // HEAP mode: a guarded native slot costs two kernel mappings, and vm.max_map_count
        // (65,530 by default) caps a process at about 32,000 of them; see the README
        Continuations model = model(count + 1, PoolMode.HEAP);
        ContStack root = model.enter();
        ContRef[] parked = new ContRef[count];
        for (int i = 0; i < count; i++) {
            ContStack s = model.resume(root, model.create(i), onYield);
            s.recordUsedBytes(0);
            parked[i] = Chains.suspend(model, s, yield).continuation();
        }
        assertEquals(count + 1, pool.stats().inUse());
        for (int i = count - 1; i >= 0; i--) {
            ContStack s = model.resume(root, parked[i], onYield);
            assertEquals(i, s.entry());
            model.returned(s);
        }
        assertEquals(1, pool.stats().inUse());
        assertEquals(count, model.stats().suspended());
    }

    @Test
    void sixteenThousandSuspendedContinuationsFitInGuardPagedNativeSlots() {
        int count = 16_000;
        Continuations model = model(count + 1);
        ContStack root = model.enter();
        ContRef[] parked = new ContRef[count];
        for (int i = 0; i < count; i++) {
            ContStack s = model.resume(root, model.create(i), onYield);
            s.recordUsedBytes(0);
            parked[i] = Chains.suspend(model, s, yield).continuation();
        }
        assertEquals(count + 1, pool.stats().inUse());
        for (ContRef k : parked) {
            model.discard(k);
        }
        assertEquals(1, pool.stats().inUse());
        assertEquals(count, model.stats().abandoned());
    }

    @Test
    void theCleanerGivesBackTheStacksOfDroppedSuspendedContinuations() throws InterruptedException {
        Continuations model = model(64);
        ContStack root = model.enter();
        int dropped = dropSuspendedContinuations(model, root, 20);
        assertEquals(1 + 2 * dropped, pool.stats().inUse(), "two stacks per dropped segment");
        awaitReclaimed(model, 2L * dropped);
        assertEquals(1, pool.stats().inUse(), "only the root is left");
        assertEquals(StackState.RUNNING, root.state());
        ContRef k = model.create("after");
        assertSame(root, model.returned(model.resume(root, k, onYield)), "reclaimed slots are reusable");
    }

    @Test
    void continuationsHoldingEachOtherOnlyThroughStackMemoryAreReclaimedTogether() throws InterruptedException {
        Continuations model = model(16);
        ContStack root = model.enter();
        parkTwoReferencingEachOther(model, root);
        assertEquals(3, pool.stats().inUse());
        awaitReclaimed(model, 2);
        assertEquals(1, pool.stats().inUse());
    }

    private void parkTwoReferencingEachOther(Continuations model, ContStack root) {
        ContStack a = model.resume(root, model.create("a"), onYield);
        ContRef ka = Chains.suspend(model, a, yield).continuation();
        ContStack b = model.resume(root, model.create("b"), onYield);
        ContRef kb = Chains.suspend(model, b, yield).continuation();
        a.refs()[0] = kb;
        b.refs()[0] = ka;
    }

    private static void awaitReclaimed(Continuations model, long stacks) throws InterruptedException {
        for (int round = 0; round < 50 && model.stats().reclaimed() < stacks; round++) {
            System.gc();
            Thread.sleep(20);
        }
        assumeTrue(model.stats().reclaimed() == stacks,
                "the GC did not run the cleaner in time (" + model.stats().reclaimed() + " of " + stacks + " stacks)");
    }

    @Test
    void theCleanerLeavesConsumedReferencesAlone() throws InterruptedException {
        Continuations model = model(16);
        ContStack root = model.enter();
        ContStack running = resumeAndDropTheReference(model, root);
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(StackState.RUNNING, running.state(), "the running stack was not reclaimed");
        assertEquals(0, model.stats().reclaimed());
        assertSame(root, model.returned(running));
    }

    /** Makes {@code count} two-stack suspended segments and keeps no reference to any of them. */
    private int dropSuspendedContinuations(Continuations model, ContStack root, int count) {
        HandlerTable none = HandlerTable.EMPTY;
        for (int i = 0; i < count; i++) {
            ContStack outer = model.resume(root, model.create("outer"), onYield);
            ContStack inner = model.resume(outer, model.create("inner"), none);
            model.suspend(inner, yield);
        }
        return count;
    }

    private ContStack resumeAndDropTheReference(Continuations model, ContStack root) {
        return model.resume(root, model.create("f"), onYield);
    }
}
