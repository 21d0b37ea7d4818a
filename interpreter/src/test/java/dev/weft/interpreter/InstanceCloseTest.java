package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.continuations.ContinuationStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Instance#close}: what it gives back, and how later calls fail (issue 14). */
class InstanceCloseTest {
    /** {@code park} leaves a suspended continuation in a global. */
    static final String PARKING = """
            (module
              (type $f (func))
              (type $k (cont $f))
              (tag $yield)
              (global $parked (mut (ref null $k)) (ref.null $k))
              (memory (export "memory") 2)
              (func $body (suspend $yield))
              (elem declare func $body)
              (func (export "park")
                (global.set $parked
                  (block $h (result (ref $k))
                    (resume $k (on $yield $h) (cont.new $k (ref.func $body)))
                    (unreachable))))
              (func (export "answer") (result i32) (i32.const 42)))
            """;

    static final String CALLER = """
            (module
              (import "closed" "answer" (func $answer (result i32)))
              (func (export "ask") (result i32) (call $answer)))
            """;

    @Test
    void aCallAfterCloseIsAnIllegalStateAndCloseTwiceIsHarmless() throws Exception {
        Instance inst = WatTesting.instantiate(PARKING);
        assertEquals(42, WatTesting.call1(inst, "answer").asInt());
        assertFalse(inst.isClosed());
        inst.close();
        assertTrue(inst.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> inst.function("answer").call());
        assertEquals("the instance is closed", e.getMessage());
        inst.close();
    }

    @Test
    void closeEmptiesTheMemoryItDefines() throws Exception {
        try (Instance inst = WatTesting.instantiate(PARKING)) {
            assertEquals(2, inst.memory("memory").pages());
            inst.close();
            assertEquals(0, inst.memory("memory").pages());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"interp", "compiled"})
    void anotherInstanceCallingIntoAClosedOneTraps(String tier) throws Exception {
        Instance closed = WatTesting.inTier(tier, () -> WatTesting.instantiate(PARKING));
        Linker linker = new Linker().register("closed", closed);
        Instance caller = WatTesting.inTier(tier, () -> WatTesting.instantiate(linker, CALLER));
        assertEquals(42, WatTesting.call1(caller, "ask").asInt());
        closed.close();
        Trap t = assertThrows(Trap.class, () -> caller.function("ask").call());
        assertEquals(TrapKind.INSTANCE_CLOSED, t.kind());
        assertEquals(42, WatTesting.call1(WatTesting.inTier(tier, () -> WatTesting.instantiate(PARKING)), "answer").asInt(),
                "other instances of the module are not affected");
    }

    @Test
    void tenThousandInstancesCreatedAndClosedGiveTheirStacksBack() throws Exception {
        CompiledModule module = WatTesting.compile(PARKING.replace("(memory (export \"memory\") 2)", ""));
        Linker linker = new Linker();
        ContinuationStats before = Continuation.stats();
        List<Instance> kept = new ArrayList<>(); // all stay reachable: only close() can give the stacks back
        for (int i = 0; i < 10_000; i++) {
            Instance inst = linker.instantiate(module);
            inst.function("park").call();
            inst.close();
            kept.add(inst);
        }
        ContinuationStats after = Continuation.stats();
        assertEquals(10_000, after.abandoned() - before.abandoned(), "each parked continuation discarded");
        assertEquals(10_000, after.suspended() - before.suspended());
        // released stacks wait in this thread's cache (at most 32, SharedStacks.THREAD_CACHE), counted in use
        int growth = after.pool().inUse() - before.pool().inUse();
        assertTrue(growth <= 32, "stacks in use grew by " + growth);
        assertEquals(10_000, kept.size());
    }

    @Test
    void closingWhileACallRunsIsRefused() throws Exception {
        Instance[] self = new Instance[1];
        Linker linker = new Linker().define("host", "close", HostFunction.of(FunctionType.of().returning(), args -> {
            self[0].close();
            return new Value[0];
        }));
        self[0] = WatTesting.instantiate(linker, """
                (module (import "host" "close" (func $close)) (func (export "f") (call $close)))
                """);
        Trap t = assertThrows(Trap.class, () -> self[0].function("f").call());
        assertTrue(t.getMessage().contains("cannot close an instance from inside a call into it"), t.getMessage());
        assertFalse(self[0].isClosed());
    }
}
