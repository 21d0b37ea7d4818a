package dev.weft.continuations;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandlerTableTest {
    private final TestTag yield = new TestTag("yield");
    private final TestTag swap = new TestTag("swap");

    @Test
    void theFirstClauseOfTheRightKindWithTheSameTagWins() {
        HandlerTable table = HandlerTable.builder().onSuspend(yield, 3).onSuspend(yield, 7).build();
        assertEquals(3, table.find(yield, HandlerKind.SUSPEND).label());
    }

    @Test
    void tagsMatchByIdentityNeverByEquality() {
        TestTag lookalike = new TestTag("yield");
        assertEquals(yield, lookalike);
        HandlerTable table = HandlerTable.builder().onSuspend(yield, 0).build();
        assertNull(table.find(lookalike, HandlerKind.SUSPEND));
    }

    @Test
    void clausesOfTheOtherKindArePassedOverEvenWhenTheTagMatches() {
        HandlerTable table = HandlerTable.builder().onSwitch(swap).onSuspend(swap, 5).build();
        assertEquals(5, table.find(swap, HandlerKind.SUSPEND).label());
        assertSame(table.clause(0), table.find(swap, HandlerKind.SWITCH));
        assertNull(HandlerTable.builder().onSwitch(yield).build().find(yield, HandlerKind.SUSPEND));
    }

    @Test
    void anEmptyBuilderGivesTheSharedEmptyTable() {
        assertSame(HandlerTable.EMPTY, HandlerTable.builder().build());
        assertEquals(0, HandlerTable.EMPTY.size());
    }

    @Test
    void switchClausesHaveNoLabelAndSuspendClausesNeedOne() {
        assertThrows(IllegalArgumentException.class, () -> new HandlerClause(swap, HandlerKind.SWITCH, 2));
        assertThrows(IllegalArgumentException.class, () -> new HandlerClause(yield, HandlerKind.SUSPEND, -1));
        assertThrows(NullPointerException.class, () -> new HandlerClause(null, HandlerKind.SUSPEND, 0));
        assertTrue(new HandlerClause(yield, HandlerKind.SUSPEND, 0).handles(yield, HandlerKind.SUSPEND));
    }

    @Test
    void ofCopiesItsArgumentsSoTheTableStaysImmutable() {
        HandlerClause[] clauses = {new HandlerClause(yield, HandlerKind.SUSPEND, 1)};
        HandlerTable table = HandlerTable.of(clauses);
        clauses[0] = new HandlerClause(swap, HandlerKind.SWITCH, -1);
        assertSame(yield, table.clause(0).tag());
    }
}
