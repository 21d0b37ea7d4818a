package dev.weft.continuations;

import org.junit.jupiter.api.BeforeEach;
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

/** Stack-switching.md §3.7 and §6 invariant 4: switch keeps the parent p and the handlers h. */
class SwitchTest {
    private final TestTag swap = new TestTag("swap");
    private final TestTag yield = new TestTag("yield");
    private final HandlerTable onSwap = HandlerTable.builder().onSuspend(yield, 0).onSwitch(swap).build();
    private Continuations model;
    private ContStack root;

    @BeforeEach
    void setUp() {
        model = new Continuations(new HeapStackSource(256));
        root = model.enter();
    }

    @Test
    void switchRunsTheTargetUnderTheSameParentWithTheSameHandlersWhileTheParentStaysBlocked() {
        ContStack a = push(model, root, onSwap);
        ContRef b = model.create("b");
        ContStack bStack = b.top();
        Chains.Switch s = Chains.switchTo(model, a, b, swap);
        assertSame(bStack, s.target());
        assertTrue(s.fresh());
        assertSame(root, bStack.parent());
        assertSame(onSwap, bStack.handlers());
        assertEquals(StackState.ACTIVE_PARENT, root.state(), "p stays blocked at its resume");
        assertActiveChain(bStack, bStack, root);
        assertSegment(s.switcher(), a);
        assertTrue(b.isConsumed());
        assertSame(s.clause(), onSwap.find(swap, HandlerKind.SWITCH));
    }

    @Test
    void pingPongSwitchesBackAndForthAndTheLastReturnLandsAtTheOriginalResume() {
        ContStack ping = push(model, root, onSwap);
        Chains.Switch toPong = Chains.switchTo(model, ping, model.create("pong"), swap);
        ContStack pong = toPong.target();
        Chains.Switch toPing = Chains.switchTo(model, pong, toPong.switcher(), swap);
        assertSame(ping, toPing.target());
        assertFalse(toPing.fresh(), "ping continues after its switch");
        assertActiveChain(ping, ping, root);
        Chains.Switch again = Chains.switchTo(model, ping, toPing.switcher(), swap);
        assertSame(pong, again.target());
        assertSame(root, model.returned(pong), "values land at root's resume");
        assertActiveChain(root, root);
        assertFalse(again.switcher().isConsumed(), "ping is left suspended, owned by the switcher");
    }

    @Test
    void theSwitcherSegmentSpansTheStacksBetweenTheSwitchAndTheHandler() {
        ContStack a = push(model, root, onSwap);
        ContStack inner = push(model, a, HandlerTable.builder().onSuspend(yield, 3).build());
        Chains.Switch s = Chains.switchTo(model, inner, model.create("t"), swap);
        assertSegment(s.switcher(), a, inner);
        assertSame(root, s.target().parent());
    }

    @Test
    void switchPassesOverSuspendClausesAndAnUnhandledSwitchLeavesTheTargetUnconsumed() {
        ContStack a = push(model, root, HandlerTable.builder().onSuspend(swap, 0).build());
        ContRef target = model.create("t");
        assertNull(model.switchTo(a, target, swap));
        Unhandled u = model.unhandled(a, swap, HandlerKind.SWITCH);
        assertEquals(HandlerKind.SWITCH, u.kind());
        assertEquals("unhandled tag", u.message());
        assertFalse(target.isConsumed());
        assertActiveChain(a, a, root);
    }

    @Test
    void theInnermostSwitchHandlerWins() {
        ContStack outer = push(model, root, onSwap);
        ContStack middle = push(model, outer, onSwap);
        ContStack inner = push(model, middle, HandlerTable.EMPTY);
        Chains.Switch s = Chains.switchTo(model, inner, model.create("t"), swap);
        assertSame(outer, s.target().parent());
        assertSegment(s.switcher(), middle, inner);
    }

    @Test
    void switchingToAConsumedOrNullTargetTrapsBeforeAnythingChanges() {
        ContStack a = push(model, root, onSwap);
        ContRef target = model.create("t");
        model.bind(target, null);
        ContinuationException consumed = assertThrows(ContinuationException.class,
                () -> model.switchTo(a, target, swap));
        assertEquals("continuation already consumed", consumed.getMessage());
        ContinuationException nul = assertThrows(ContinuationException.class, () -> model.switchTo(a, null, swap));
        assertEquals("null continuation reference", nul.getMessage());
        assertActiveChain(a, a, root);
    }

    @Test
    void aSwitchTargetCarriesItsBoundArguments() {
        ContStack a = push(model, root, onSwap);
        ContRef target = model.bind(model.create("t"), "bound");
        Chains.Switch s = Chains.switchTo(model, a, target, swap);
        assertEquals(java.util.List.of("bound"), s.bound().chunksInOrder());
        assertEquals(1, model.stats().switched());
    }
}
