package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.text.WatParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CI smoke of the structure-aware mutation fuzzer, and the fuel bound it relies on. */
class MutationFuzzerTest {
    /** -Dweft.fuzz.mutation.cases=N for more. */
    private static final int CASES = Integer.getInteger("weft.fuzz.mutation.cases", 3_000);
    private static final long SEED = Long.getLong("weft.fuzz.seed", 17);

    @Test
    void everyMutantEndsInOneOfTheEnginesOwnOutcomes() {
        Findings findings = new Findings(null);
        MutationFuzzer fuzzer = new MutationFuzzer(findings);
        fuzzer.run(SEED, 0, new Budget(CASES, 0), 0);
        Map<MutationFuzzer.Outcome, Long> counts = fuzzer.counts();
        assertEquals(0, findings.count(), counts.toString());
        // the mutants reach every stage: rejected by the decoder/parser, by the validator, and run
        assertTrue(counts.getOrDefault(MutationFuzzer.Outcome.MALFORMED, 0L) > 0, counts.toString());
        assertTrue(counts.getOrDefault(MutationFuzzer.Outcome.INVALID, 0L) > 0, counts.toString());
        assertTrue(counts.getOrDefault(MutationFuzzer.Outcome.RAN, 0L) > 0, counts.toString());
    }

    @Test
    void fuelEndsAnEndlessLoopAndEndlessRecursionWithATrap() throws Exception {
        var m = WatParser.parseModule("""
                (module
                  (func (export "spin") (loop $l (br $l)))
                  (func $f (export "recurse") (return_call $f)))
                """);
        var instance = new Linker().instantiate(CompiledModule.compile(FuelInstrumenter.instrument(m, 1000)));
        assertEquals(TrapKind.UNREACHABLE, assertThrows(Trap.class, () -> instance.function("spin").call()).kind());
        assertEquals(TrapKind.UNREACHABLE, assertThrows(Trap.class, () -> instance.function("recurse").call()).kind());
    }
}
