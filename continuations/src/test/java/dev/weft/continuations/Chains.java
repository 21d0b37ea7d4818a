package dev.weft.continuations;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Helpers that build chains by hand and check their shape. */
final class Chains {
    private Chains() {
    }

    /** Creates a fresh continuation and resumes it under {@code current}; returns the new running stack. */
    static ContStack push(Continuations model, ContStack current, HandlerTable handlers) {
        ContStack top = model.resume(current, model.create("f"), handlers);
        assertTrue(model.lastFresh());
        return top;
    }

    /** What a handled suspend told: the handler's stack, the clause and the new reference. */
    record Suspension(ContStack handler, HandlerClause clause, ContRef continuation) {}

    /** {@code model.suspend}, which must find a handler, with the rest of its outcome. */
    static Suspension suspend(Continuations model, ContStack current, Object tag) {
        ContStack handler = model.suspend(current, tag);
        assertNotNull(handler, "handled");
        return new Suspension(handler, model.lastClause(), model.lastContinuation());
    }

    /** {@code model.suspend}, which must find no handler (changing nothing): what it ran into. */
    static Unhandled unhandledSuspend(Continuations model, ContStack current, Object tag) {
        assertNull(model.suspend(current, tag), "unhandled");
        return model.unhandled(current, tag, HandlerKind.SUSPEND);
    }

    /** What a handled switch told: the target's stack (now running) and the rest of its outcome. */
    record Switch(ContStack target, boolean fresh, BoundArgs bound, HandlerClause clause, ContRef switcher) {}

    /** {@code model.switchTo}, which must find a handler, with the rest of its outcome. */
    static Switch switchTo(Continuations model, ContStack current, ContRef target, Object tag) {
        ContStack top = model.switchTo(current, target, tag);
        assertNotNull(top, "handled");
        return new Switch(top, model.lastFresh(), model.lastBound(), model.lastClause(), model.lastContinuation());
    }

    /** The active chain from {@code current} out to its barrier, innermost first. */
    static List<ContStack> chain(ContStack current) {
        List<ContStack> stacks = new ArrayList<>();
        for (ContStack s = current; s != null; s = s.barrier ? null : s.parent) {
            stacks.add(s);
        }
        return stacks;
    }

    /** Checks the chain invariants: innermost RUNNING, the others ACTIVE_PARENT, handlers on every non-barrier link. */
    static void assertActiveChain(ContStack current, ContStack... outward) {
        List<ContStack> actual = chain(current);
        assertEquals(List.of(outward), actual, "active chain, innermost first");
        assertEquals(StackState.RUNNING, current.state(), "innermost runs");
        for (int i = 0; i < actual.size(); i++) {
            ContStack s = actual.get(i);
            if (i > 0) {
                assertEquals(StackState.ACTIVE_PARENT, s.state(), "stack " + i + " waits for its child");
            }
            if (s.isBarrier()) {
                assertEquals(actual.size() - 1, i, "only the outermost is a barrier");
                assertNull(s.handlers());
            } else {
                assertTrue(s.handlers() != null, "link " + i + " carries handlers");
            }
        }
    }

    /** Checks that {@code ref} owns exactly {@code bottom .. top} (given bottom first), detached. */
    static void assertSegment(ContRef ref, ContStack... bottomToTop) {
        assertEquals(bottomToTop.length, ref.segmentLength(), "segment length");
        assertSame(bottomToTop[0], ref.bottom());
        assertSame(bottomToTop[bottomToTop.length - 1], ref.top());
        assertNull(ref.bottom().parent(), "the cut link has no parent");
        assertNull(ref.bottom().handlers(), "the cut link lost the handling resume's handlers");
        assertEquals(StackState.SUSPENDED, ref.top().state());
        for (int i = 1; i < bottomToTop.length; i++) {
            assertSame(bottomToTop[i - 1], bottomToTop[i].parent(), "inner link " + i + " is kept");
            assertEquals(StackState.ACTIVE_PARENT, bottomToTop[i - 1].state());
        }
    }
}
