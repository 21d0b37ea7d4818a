package dev.weft.continuations;

import static dev.weft.continuations.Chains.push;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The model bounds how many stacks nested resumes link at once (a chain of resumes that each
 * resume a fresh continuation used to grow until the heap ran out), and the count it keeps
 * follows every operation that links or unlinks stacks.
 */
class ChainLimitTest {
    private final TestTag yield = new TestTag("yield");
    private final TestTag sw = new TestTag("sw");
    private final HandlerTable onYield = HandlerTable.builder().onSuspend(yield, 1).onSwitch(sw).build();
    private Continuations model;
    private ContStack root;

    @BeforeEach
    void setUp() {
        model = new Continuations(new HeapStackSource(64), 3);
        root = model.enter();
    }

    @Test
    void aResumePastTheLimitFailsAndChangesNothing() {
        ContStack s3 = push(model, push(model, push(model, root, onYield), onYield), onYield);
        assertEquals(3, model.linked());
        ContRef k = model.create("f");
        ContinuationException e = assertThrows(ContinuationException.class, () -> model.resume(s3, k, onYield));
        assertEquals(ContinuationError.CHAIN_TOO_LONG, e.error());
        assertFalse(k.isConsumed(), "the reference is still usable");
        assertEquals(StackState.RUNNING, s3.state());
        assertEquals(3, model.linked());
        assertSame(root, model.abandon(s3));
        assertEquals(0, model.linked());
    }

    @Test
    void suspendAndResumeMoveTheWholeSegmentOutOfAndIntoTheCount() {
        ContStack outer = push(model, root, onYield);
        ContStack inner = push(model, outer, HandlerTable.EMPTY);
        Chains.Suspension s = Chains.suspend(model, inner, yield);
        assertEquals(2, s.continuation().segmentLength());
        assertEquals(0, model.linked());
        ContStack a = push(model, push(model, root, onYield), onYield);
        ContinuationException e = assertThrows(ContinuationException.class,
                () -> model.resume(a, s.continuation(), onYield));
        assertEquals(ContinuationError.CHAIN_TOO_LONG, e.error());
        ContStack top = model.resume(model.returned(a), s.continuation(), onYield);
        assertSame(inner, top);
        assertEquals(3, model.linked());
        model.returned(model.returned(top));
        assertEquals(1, model.linked());
    }

    @Test
    void aSwitchCountsTheTargetInAndTheSwitcherOut() {
        ContStack a = push(model, root, onYield);
        ContRef target = model.create("g");
        ContRef bound = model.bind(target, null);
        Chains.Switch s = Chains.switchTo(model, a, bound, sw);
        assertEquals(1, model.linked());
        assertEquals(1, s.switcher().segmentLength());
        model.returned(s.target());
        assertEquals(0, model.linked());
    }

    @Test
    void recoverAfterAFailureThatStruckInsideASuspendLeavesTheRootRunningAndNothingLinked() {
        ContStack outer = push(model, root, onYield);
        ContStack inner = push(model, outer, HandlerTable.EMPTY);
        assertSame(root, model.suspend(inner, yield)); // as if the failure came before the loop ran root
        ContRef k = model.lastContinuation();
        model.recover(inner, root, true);
        assertEquals(StackState.RUNNING, root.state());
        assertEquals(StackState.DEAD, inner.state());
        assertEquals(StackState.DEAD, outer.state());
        assertEquals(0, model.linked());
        assertThrows(ContinuationException.class, () -> model.resume(root, k, onYield), "its stacks were released");
        push(model, root, onYield);
        assertEquals(1, model.linked());
    }
}
