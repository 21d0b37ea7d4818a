package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.ast.CompositeType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An infinite loop {@code (loop (br 0))} is stopped by each mechanism of issue 14 (fuel,
 * deadline, the interrupt handle from another thread, {@code Thread.interrupt()}), in the
 * interpreter and in compiled code, called directly and inside a continuation that suspended
 * once and was resumed.
 */
class StoppingLoopsTest {
    /**
     * {@code plain} calls {@code started} and then {@code spin}; {@code in_continuation} runs
     * the same in a continuation's body after it suspended once and was resumed. {@code spin}
     * cannot suspend, so the compiled tier compiles it; the rest stays interpreted.
     */
    static final String WAT = """
            (module
              (type $f (func))
              (type $k (cont $f))
              (import "host" "started" (func $started))
              (tag $yield)
              (func $spin (export "spin") (loop (br 0)))
              (func $body (suspend $yield) (call $started) (call $spin))
              (elem declare func $body)
              (func (export "plain") (call $started) (call $spin))
              (func (export "in_continuation")
                (block $h (result (ref $k))
                  (resume $k (on $yield $h) (cont.new $k (ref.func $body)))
                  (return))
                (resume $k))
              (func (export "count") (param $n i32)
                (loop $l
                  (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                  (br_if $l (local.get $n)))))
            """;

    enum Mechanism { FUEL, DEADLINE, INTERRUPT_HANDLE, THREAD_INTERRUPT }

    static List<Arguments> cases() {
        List<Arguments> all = new java.util.ArrayList<>();
        for (Mechanism m : Mechanism.values()) {
            for (String tier : List.of("interp", "compiled")) {
                for (String entry : List.of("plain", "in_continuation")) {
                    all.add(Arguments.of(m, tier, entry));
                }
            }
        }
        return all;
    }

    private static Instance instantiate(String tier, CountDownLatch started) throws Exception {
        return instantiate(WAT, tier, started);
    }

    /** {@code wat} in {@code tier}, its import {@code host.started} counting {@code started} down. */
    static Instance instantiate(String wat, String tier, CountDownLatch started) throws Exception {
        Linker linker = new Linker();
        linker.define("host", "started", HostFunction.of(new CompositeType.Func(List.of(), List.of()), args -> {
            started.countDown();
            return new Value[0];
        }));
        return WatTesting.inTier(tier, () -> WatTesting.instantiate(linker, wat));
    }

    @ParameterizedTest(name = "{0} stops {2} in tier {1}")
    @MethodSource("cases")
    void eachMechanismStopsTheLoop(Mechanism mechanism, String tier, String entry) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Instance inst = instantiate(tier, started);
        // compiled functions run behind a host-like entry: this checks the tier really compiled spin
        assertEquals(tier.equals("compiled"), ((dev.weft.interpreter.exec.FunctionInstance) inst.function("spin")).isHost());
        assertStops(inst, mechanism, entry, started);
        if (mechanism == Mechanism.FUEL) {
            assertEquals(0, inst.fuelRemaining());
            assertTrue(inst.fuelUsed() >= 100_000, "used " + inst.fuelUsed());
        }
    }

    /**
     * Runs export {@code entry} of {@code inst} on a new thread and stops it with {@code mechanism}
     * (fuel and deadline set before the call, interrupts once {@code started} counted down):
     * asserts the trap of that mechanism.
     */
    static void assertStops(Instance inst, Mechanism mechanism, String entry, CountDownLatch started) throws Exception {
        switch (mechanism) {
            case FUEL -> inst.setFuel(100_000);
            case DEADLINE -> inst.setTimeout(Duration.ofMillis(50));
            default -> { }
        }
        AtomicReference<Thread> runner = new AtomicReference<>();
        CompletableFuture<Trap> outcome = CompletableFuture.supplyAsync(() -> {
            runner.set(Thread.currentThread());
            try {
                inst.function(entry).call();
                return null;
            } catch (Trap t) {
                return t;
            }
        }, r -> new Thread(r, "guest").start());
        switch (mechanism) { // fuel and deadline were set before the call (which may trap before "started")
            case INTERRUPT_HANDLE -> {
                assertTrue(started.await(2, TimeUnit.MINUTES), "the guest never started");
                inst.interruptHandle().interrupt();
            }
            case THREAD_INTERRUPT -> {
                assertTrue(started.await(2, TimeUnit.MINUTES), "the guest never started");
                runner.get().interrupt();
            }
            default -> { }
        }
        Trap trap = outcome.get(2, TimeUnit.MINUTES); // a guard against a hang, not a timing assertion
        TrapKind expected = switch (mechanism) {
            case FUEL -> TrapKind.OUT_OF_FUEL;
            case DEADLINE -> TrapKind.DEADLINE_EXCEEDED;
            case INTERRUPT_HANDLE, THREAD_INTERRUPT -> TrapKind.INTERRUPTED;
        };
        assertEquals(expected, trap == null ? null : trap.kind(), String.valueOf(trap));
    }

    @Test
    void fuelCountsOneUnitPerBackEdgeAndCall() throws Exception {
        for (String tier : List.of("interp", "compiled")) {
            Instance inst = instantiate(tier, new CountDownLatch(1));
            long before = inst.fuelUsed();
            inst.function("count").call(Value.i32(1000));
            long used = inst.fuelUsed() - before;
            // the interpreter ticks the call and 999 back-edges; compiled code its entry and 1,000 loop heads
            assertEquals(tier.equals("interp") ? 1000 : 1001, used, tier);
        }
    }

    @Test
    void aBudgetTooSmallTrapsAndMoreFuelLetsTheSameCallFinish() throws Exception {
        for (String tier : List.of("interp", "compiled")) {
            Instance inst = instantiate(tier, new CountDownLatch(1));
            inst.setFuel(500);
            Trap t = assertThrows(Trap.class, () -> inst.function("count").call(Value.i32(1000)));
            assertEquals(TrapKind.OUT_OF_FUEL, t.kind());
            assertTrue(t.getMessage().startsWith("out of fuel"), t.getMessage());
            assertThrows(Trap.class, () -> inst.function("count").call(Value.i32(2)), "still out of fuel");
            inst.setFuel(2000);
            inst.function("count").call(Value.i32(1000));
            assertEquals(tier.equals("interp") ? 1000 : 999, inst.fuelRemaining(), tier);
            inst.setFuel(-1);
            assertEquals(-1, inst.fuelRemaining());
        }
    }

    @Test
    void theThreadStaysUsableAndItsInterruptIsConsumed() throws Exception {
        Instance inst = instantiate("interp", new CountDownLatch(1));
        Thread.currentThread().interrupt();
        Trap t = assertThrows(Trap.class, () -> inst.function("spin").call());
        assertEquals(TrapKind.INTERRUPTED, t.kind());
        assertTrue(!Thread.currentThread().isInterrupted(), "the trap consumed the interrupt");
        inst.function("count").call(Value.i32(100_000));
        assertTrue(inst.wallTime().toNanos() > 0);
    }

    @Test
    void aThreadInterruptPendingWhenACallReturnsStaysSetForTheHost() throws Exception {
        Instance inst = instantiate("interp", new CountDownLatch(1));
        Thread.currentThread().interrupt();
        try {
            // far fewer units than Meter.INTERRUPT_GRACE: a guest may yet take it as EINTR in a WASI call
            inst.function("count").call(Value.i32(100_000));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aDeadlineKeepsTrappingUntilItIsRemoved() throws Exception {
        Instance inst = instantiate("interp", new CountDownLatch(1));
        inst.setTimeout(Duration.ZERO);
        assertEquals(TrapKind.DEADLINE_EXCEEDED,
                assertThrows(Trap.class, () -> inst.function("count").call(Value.i32(100_000))).kind());
        inst.setTimeout(null);
        inst.function("count").call(Value.i32(100_000));
    }
}
