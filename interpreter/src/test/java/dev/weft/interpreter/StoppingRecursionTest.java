package dev.weft.interpreter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.interpreter.StoppingLoopsTest.Mechanism;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A guest that only recurses, with no loop (naive fib(60): about 10^12 calls), is stopped by
 * each mechanism of issue 14 in both tiers: compiled code's calls between its own functions only
 * read the meter while no fuel or deadline is set, so this checks that an interrupt (handle or
 * thread) still reaches them, and that fuel set after instantiation counts every call.
 */
class StoppingRecursionTest {
    static final String WAT = """
            (module
              (import "host" "started" (func $started))
              (func $fib (export "fib") (param $n i64) (result i64)
                (if (result i64) (i64.lt_u (local.get $n) (i64.const 2))
                  (then (local.get $n))
                  (else (i64.add (call $fib (i64.sub (local.get $n) (i64.const 1)))
                                 (call $fib (i64.sub (local.get $n) (i64.const 2)))))))
              (func (export "run") (call $started) (drop (call $fib (i64.const 60)))))
            """;

    static List<Arguments> cases() {
        List<Arguments> all = new java.util.ArrayList<>();
        for (Mechanism m : Mechanism.values()) {
            for (String tier : List.of("interp", "compiled")) {
                all.add(Arguments.of(m, tier));
            }
        }
        return all;
    }

    private static Instance instantiate(String tier, CountDownLatch started) throws Exception {
        return StoppingLoopsTest.instantiate(WAT, tier, started);
    }

    @ParameterizedTest(name = "{0} stops fib(60) in tier {1}")
    @MethodSource("cases")
    void eachMechanismStopsTheRecursion(Mechanism mechanism, String tier) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Instance inst = instantiate(tier, started);
        // compiled functions run behind a host-like entry: this checks the tier really compiled fib
        assertEquals(tier.equals("compiled"), ((dev.weft.interpreter.exec.FunctionInstance) inst.function("fib")).isHost());
        StoppingLoopsTest.assertStops(inst, mechanism, "run", started);
    }

    @Test
    void withFuelEveryCallCountsOnceInBothTiers() throws Exception {
        for (String tier : List.of("interp", "compiled")) {
            Instance inst = instantiate(tier, new CountDownLatch(1));
            inst.setFuel(1_000_000); // after instantiation: compiled entries must start counting
            long before = inst.fuelUsed();
            assertEquals(55, inst.function("fib").call(Value.i64(10))[0].bits(), tier);
            // fib(10) makes 177 calls (the one from Java included); no loops
            assertEquals(177, inst.fuelUsed() - before, tier);
            assertEquals(1_000_000 - 177, inst.fuelRemaining(), tier);
        }
    }
}
