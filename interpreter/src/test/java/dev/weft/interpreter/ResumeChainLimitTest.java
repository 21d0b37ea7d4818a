package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContinuationStats;
import org.junit.jupiter.api.Test;

/**
 * A continuation that resumes a fresh one, forever, used to take the heap to about 6 GB and die
 * with a raw OutOfMemoryError. The chain of nested resumes now counts against a limit
 * (weft.maxLinkedStacks, 200,000 by default) and ends in the trap "call stack exhausted",
 * after which every stack is back in the pool and the thread works as before.
 */
class ResumeChainLimitTest {
    private static final String WAT = """
        (module
          (type $f (func))
          (type $ct (cont $f))
          (elem declare func $nest)
          (func $nest (export "nest") (resume $ct (cont.new $ct (ref.func $nest))))
          (func (export "ok") (result i32) (i32.const 42)))
        """;

    @Test
    void unboundedNestedResumesTrapAndLeaveNothingBehind() throws Exception {
        Instance inst = WatTesting.instantiate(WAT);
        Trap t = assertThrows(Trap.class, () -> inst.function("nest").call());
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, t.kind());
        assertTrue(t.getMessage().contains("nested resumes"), t.getMessage());
        assertEquals(42, inst.function("ok").call()[0].asInt());
        // This thread's counters (the pool's in-use count also moves with other threads' caches
        // and the Cleaner): every stack the second run linked was abandoned, that is released.
        ContinuationStats before = Continuation.stats();
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED,
                assertThrows(Trap.class, () -> inst.function("nest").call()).kind());
        ContinuationStats after = Continuation.stats();
        assertEquals(200_000, after.resumed() - before.resumed());
        assertEquals(200_000, after.abandoned() - before.abandoned(), "the linked stacks were all released");
    }
}
