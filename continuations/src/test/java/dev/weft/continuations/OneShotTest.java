package dev.weft.continuations;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.weft.continuations.Chains.assertActiveChain;
import static dev.weft.continuations.Chains.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack-switching.md §6 invariant 7 (one-shot references) and §3.2 (cont.bind). */
class OneShotTest {
    private final TestTag yield = new TestTag("yield");
    private final HandlerTable onYield = HandlerTable.builder().onSuspend(yield, 0).build();
    private HeapStackSource source;
    private Continuations model;
    private ContStack root;

    @BeforeEach
    void setUp() {
        source = new HeapStackSource(256);
        model = new Continuations(source);
        root = model.enter();
    }

    private static void assertAlreadyConsumed(Runnable use) {
        ContinuationException e = assertThrows(ContinuationException.class, use::run);
        assertEquals(ContinuationError.ALREADY_CONSUMED, e.error());
        assertEquals("continuation already consumed", e.getMessage());
    }

    private ContRef suspendedContinuation() {
        ContStack a = push(model, root, onYield);
        return Chains.suspend(model, a, yield).continuation();
    }

    @Test
    void everyAliasTrapsAfterTheFirstResume() {
        ContRef k = suspendedContinuation();
        ContRef[] table = {k, k};
        ContRef global = k;
        ContStack running = model.resume(root, table[0], onYield);
        assertAlreadyConsumed(() -> model.resume(running, table[1], onYield));
        assertAlreadyConsumed(() -> model.resume(running, global, onYield));
        assertActiveChain(running, running, root);
    }

    @Test
    void aConsumedReferenceTrapsForResumeResumeThrowBindAndDiscard() {
        ContRef k = model.create("f");
        ContStack a = model.resume(root, k, onYield);
        assertAlreadyConsumed(() -> model.resume(a, k, onYield));
        assertAlreadyConsumed(() -> model.resume(a, k, onYield));
        assertAlreadyConsumed(() -> model.bind(k, "x"));
        assertAlreadyConsumed(() -> model.discard(k));
        assertActiveChain(a, a, root);
    }

    @Test
    void aConsumedReferenceIsNotNullAndMayBeCopiedAndDropped() {
        ContRef k = model.create("f");
        model.discard(k);
        ContRef copy = k;
        assertNotNull(copy);
        assertTrue(copy.isConsumed());
        assertFalse(copy.isFresh());
        assertEquals(0, copy.segmentLength());
    }

    @Test
    void aNullReferenceTrapsWithTheNullMessage() {
        for (Runnable use : List.<Runnable>of(() -> model.resume(root, null, onYield),
                () -> model.resume(root, null, onYield), () -> model.bind(null, "x"),
                () -> model.discard(null))) {
            ContinuationException e = assertThrows(ContinuationException.class, use::run);
            assertEquals(ContinuationError.NULL, e.error());
            assertEquals("null continuation reference", e.getMessage());
        }
    }

    @Test
    void bindConsumesTheOldReferenceAndTheNewOneOwnsTheSameSegment() {
        ContRef k = suspendedContinuation();
        ContStack top = k.top();
        ContRef bound = model.bind(k, new long[] {7});
        assertAlreadyConsumed(() -> model.resume(root, k, onYield));
        ContStack r = model.resume(root, bound, onYield);
        assertSame(top, r);
        assertFalse(model.lastFresh());
        assertEquals(1, model.lastBound().depth());
    }

    @Test
    void chainedBindsSupplyEarlierChunksFirst() {
        ContRef k = model.create("f");
        ContRef k4 = model.bind(k, "p1 p2");
        ContRef k2 = model.bind(k4, "p3 p4");
        ContRef same = model.bind(k2, null);
        ContStack r = model.resume(root, same, onYield);
        assertTrue(model.lastFresh());
        assertEquals(List.of("p1 p2", "p3 p4"), model.lastBound().chunksInOrder());
        assertEquals(3, model.stats().bound());
    }

    @Test
    void anAliasOfAReturnedContinuationStillTrapsAfterItsStackWasRecycled() {
        ContRef k = model.create("first");
        ContRef alias = k;
        ContStack stack = model.resume(root, k, onYield);
        int generation = stack.generation();
        model.returned(stack);
        ContRef k2 = model.create("second");
        assertSame(stack, k2.top(), "the heap source hands out the same stack object again");
        assertNotEquals(generation, stack.generation());
        assertAlreadyConsumed(() -> model.resume(root, alias, onYield));
        assertEquals(StackState.FRESH, stack.state(), "the new owner is untouched");
        assertEquals("second", model.resume(root, k2, onYield).entry());
    }

    @Test
    void aReferenceWhoseStackWasRecycledBehindItsBackCountsAsConsumed() {
        ContRef k = suspendedContinuation();
        ContStack top = k.top();
        top.retire(StackState.DEAD);
        source.release(top);
        ContRef k2 = model.create("other");
        assertSame(top, k2.top());
        assertTrue(k.isConsumed());
        assertAlreadyConsumed(() -> model.resume(root, k, onYield));
        assertFalse(k2.isConsumed());
    }

    @Test
    void aSegmentHasOneLiveReferenceAndNoActiveStackIsOwnedByOne() {
        ContRef k = suspendedContinuation();
        ContStack top = k.top();
        ContRef renewed = model.bind(k, null);
        assertTrue(k.isConsumed());
        assertFalse(renewed.isConsumed());
        model.resume(root, renewed, onYield);
        assertTrue(renewed.isConsumed(), "the stack is active, so no reference owns it");
        assertEquals(StackState.RUNNING, top.state());
    }

    @Test
    void discardGivesTheStacksBackWithoutRunningAnything() {
        ContStack a = push(model, root, onYield);
        ContStack b = push(model, a, HandlerTable.EMPTY);
        ContRef k = Chains.suspend(model, b, yield).continuation();
        int inUse = source.stats().inUse();
        model.discard(k);
        assertEquals(inUse - 2, source.stats().inUse());
        assertEquals(StackState.DEAD, a.state());
        assertEquals(StackState.DEAD, b.state());
        assertEquals(2, model.stats().abandoned());
    }
}
