package dev.weft.continuations;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.weft.continuations.Chains.assertActiveChain;
import static dev.weft.continuations.Chains.assertSegment;
import static dev.weft.continuations.Chains.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stack-switching.md §6, invariants 1, 2, 3, 5 and 6, and host barriers, on hand-built chains. */
class ContinuationsTest {
    private final TestTag yield = new TestTag("yield");
    private final TestTag other = new TestTag("other");
    private final HandlerTable onYield = HandlerTable.builder().onSuspend(yield, 1).build();
    private final HandlerTable onOther = HandlerTable.builder().onSuspend(other, 2).build();
    private HeapStackSource source;
    private Continuations model;
    private ContStack root;

    @BeforeEach
    void setUp() {
        source = new HeapStackSource(256);
        model = new Continuations(source);
        root = model.enter();
    }

    @Nested
    class Resume {
        @Test
        void resumeLinksTheSegmentUnderTheCurrentStackWithTheHandlersAndRunsItsTop() {
            ContRef k = model.create("entry");
            ContStack stack = k.top();
            ContStack r = model.resume(root, k, onYield);
            assertSame(stack, r);
            assertTrue(model.lastFresh());
            assertNull(model.lastBound());
            assertEquals("entry", stack.entry());
            assertSame(root, stack.parent());
            assertSame(onYield, stack.handlers());
            assertActiveChain(stack, stack, root);
            assertTrue(k.isConsumed());
        }

        @Test
        void resumingASuspendedMultiStackSegmentGrowsTheChainByItsLengthAndRunsItsTop() {
            ContStack thread = push(model, root, onYield);
            ContStack generator = push(model, thread, onOther);
            Chains.Suspension s = Chains.suspend(model, generator, yield);
            ContStack r = model.resume(root, s.continuation(), onYield);
            assertFalse(model.lastFresh(), "continues after its suspend");
            assertSame(generator, r);
            assertActiveChain(generator, generator, thread, root);
        }

        @Test
        void aNullHandlerTableCountsAsEmpty() {
            ContStack s = model.resume(root, model.create("f"), null);
            assertSame(HandlerTable.EMPTY, s.handlers());
        }

        @Test
        void resumeThrowOnAFreshContinuationAsksToRaiseBeforeTheFirstInstruction() {
            ContStack r = model.resume(root, model.create("f"), onYield);
            assertTrue(model.lastFresh());
            assertSame(root, model.thrown(r), "the exception leaves at once");
            assertEquals(StackState.DEAD, r.state());
            assertActiveChain(root, root);
        }

        @Test
        void resumeThrowOnASuspendedContinuationRaisesAtItsSuspendUnderTheNewHandlers() {
            ContStack a = push(model, root, onYield);
            ContRef k = Chains.suspend(model, a, yield).continuation();
            ContStack r = model.resume(root, k, onOther);
            assertSame(a, r);
            assertFalse(model.lastFresh());
            assertSame(onOther, a.handlers());
            assertActiveChain(a, a, root);
        }

        @Test
        void onlyTheRunningStackMayResume() {
            ContStack child = push(model, root, onYield);
            assertThrows(IllegalStateException.class, () -> model.resume(root, model.create("f"), onYield));
            assertActiveChain(child, child, root);
        }
    }

    @Nested
    class Suspend {
        @Test
        void theInnermostHandlerWinsOverAnOuterOneForTheSameTag() {
            ContStack outer = push(model, root, onYield);
            ContStack inner = push(model, outer, onYield);
            Chains.Suspension s = Chains.suspend(model, inner, yield);
            assertSame(outer, s.handler());
            assertSegment(s.continuation(), inner);
            assertActiveChain(outer, outer, root);
        }

        @Test
        void theSearchFollowsParentLinksPastLinksWithoutAMatchingClause() {
            ContStack thread = push(model, root, onYield);
            ContStack generator = push(model, thread, onOther);
            Chains.Suspension s = Chains.suspend(model, generator, yield);
            assertSame(root, s.handler());
            assertEquals(1, s.clause().label());
            assertSegment(s.continuation(), thread, generator);
            assertActiveChain(root, root);
        }

        @Test
        void aSuspendSkipsSwitchClausesForItsTag() {
            HandlerTable switchOnly = HandlerTable.builder().onSwitch(yield).build();
            ContStack outer = push(model, root, onYield);
            ContStack inner = push(model, outer, switchOnly);
            assertSame(root, Chains.suspend(model, inner, yield).handler());
        }

        @Test
        void theConcurrentGeneratorShapeCapturesThreadAndGeneratorAndLaterReturnsOneStackAtATime() {
            ContStack thread = push(model, root, onYield);
            ContStack generator = push(model, thread, onOther);
            ContRef k = Chains.suspend(model, generator, yield).continuation();
            assertEquals(2, k.segmentLength());
            model.resume(root, k, onYield);
            Chains.Suspension gen = Chains.suspend(model, generator, other);
            assertSame(thread, gen.handler());
            assertSegment(gen.continuation(), generator);
            assertActiveChain(thread, thread, root);
            model.resume(thread, gen.continuation(), onOther);
            assertSame(thread, model.returned(generator));
            assertSame(root, model.returned(thread));
            assertActiveChain(root, root);
        }

        @Test
        void anUnhandledSuspendStopsAtTheBarrierAndChangesNothing() {
            ContStack a = push(model, root, onOther);
            Unhandled u = Chains.unhandledSuspend(model, a, yield);
            assertEquals("unhandled tag", u.message());
            assertSame(root, u.barrier());
            assertFalse(u.crossesHost());
            assertActiveChain(a, a, root);
        }

        @Test
        void aSuspendOnTheRootItselfIsUnhandled() {
            Chains.unhandledSuspend(model, root, yield);
        }

        @Test
        void aTagEqualButNotIdenticalToTheHandledOneIsUnhandled() {
            ContStack a = push(model, root, onYield);
            Chains.unhandledSuspend(model, a, new TestTag("yield"));
        }
    }

    @Nested
    class LeavingAStack {
        @Test
        void returnUnlinksReleasesAndMakesTheParentCurrent() {
            ContStack a = push(model, root, onYield);
            ContStack b = push(model, a, onYield);
            int inUse = source.stats().inUse();
            assertSame(a, model.returned(b));
            assertEquals(StackState.RETURNED, b.state());
            assertNull(b.parent());
            assertNull(b.handlers());
            assertEquals(inUse - 1, source.stats().inUse(), "the stack went back to its source");
            assertActiveChain(a, a, root);
        }

        @Test
        void anExceptionDestroysTheStackAndPropagationGoesOnInTheParent() {
            ContStack a = push(model, root, onYield);
            ContStack b = push(model, a, onYield);
            assertSame(a, model.thrown(b));
            assertEquals(StackState.DEAD, b.state());
            assertActiveChain(a, a, root);
            assertEquals(1, model.stats().abandoned());
        }

        @Test
        void aTrapAbandonsTheWholeChainUpToTheBarrierButNoSuspendedContinuation() {
            ContStack a = push(model, root, onYield);
            ContStack parked = push(model, a, onYield);
            ContRef k = Chains.suspend(model, parked, yield).continuation();
            ContStack b = push(model, a, onYield);
            ContStack c = push(model, b, onOther);
            assertSame(root, model.abandon(c));
            for (ContStack s : new ContStack[] {a, b, c}) {
                assertEquals(StackState.DEAD, s.state());
                assertNull(s.parent());
            }
            assertActiveChain(root, root);
            assertEquals(2, source.stats().inUse(), "root and the parked continuation");
            assertFalse(k.isConsumed());
            assertSame(parked, model.resume(root, k, onYield));
        }

        @Test
        void aTrapStopsAtTheInnermostBarrier() {
            ContStack a = push(model, root, onYield);
            ContStack host = model.enter(a);
            ContStack b = push(model, host, onYield);
            assertSame(host, model.abandon(b));
            model.exit(host);
            assertEquals(StackState.RUNNING, a.state(), "the outer chain is for the host frame to unwind");
            assertActiveChain(a, a, root);
        }

        @Test
        void theBarrierLeavesThroughExitNotReturn() {
            assertThrows(IllegalStateException.class, () -> model.returned(root));
            model.exit(root);
            assertEquals(StackState.RETURNED, root.state());
            assertEquals(0, source.stats().inUse());
        }
    }

    @Nested
    class HostBarriers {
        @Test
        void aSuspendAcrossAHostFrameIsUnhandledEvenWithAMatchingHandlerOutside() {
            ContStack a = push(model, root, onYield);
            ContStack host = model.enter(a);
            ContStack b = push(model, host, onOther);
            Unhandled u = Chains.unhandledSuspend(model, b, yield);
            assertSame(host, u.barrier());
            assertTrue(u.crossesHost());
            assertSame(a, host.hostCaller());
            assertActiveChain(b, b, host);
        }

        @Test
        void handlersInsideTheHostReEntryStillWork() {
            ContStack a = push(model, root, onYield);
            ContStack host = model.enter(a);
            ContStack b = push(model, host, onYield);
            assertSame(host, Chains.suspend(model, b, yield).handler());
        }
    }

    @Test
    void theCountersFollowEveryOperation() {
        ContStack a = push(model, root, onYield);
        ContRef k = Chains.suspend(model, a, yield).continuation();
        ContRef k2 = model.bind(k, new long[] {1});
        model.resume(root, k2, onYield);
        model.returned(a);
        ContinuationStats stats = model.stats();
        assertEquals(1, stats.created());
        assertEquals(2, stats.resumed());
        assertEquals(1, stats.suspended());
        assertEquals(1, stats.bound());
        assertEquals(1, stats.completed());
        assertEquals(0, stats.abandoned());
        assertEquals(1, stats.roots());
        assertEquals(2, stats.pool().acquired());
        assertEquals(1, stats.pool().inUse());
    }
}
