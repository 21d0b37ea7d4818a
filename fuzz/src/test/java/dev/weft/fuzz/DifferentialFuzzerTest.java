package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * CI smoke of the differential fuzzer: a few fixed cases of every feature set must agree with
 * binaryen's interpreter. Needs guests/.tools (guests/install-toolchain.sh); skipped without it.
 * Longer runs: fuzz/README.md.
 */
class DifferentialFuzzerTest {
    /** Cases per feature set; -Dweft.fuzz.differential.cases=N for more. */
    private static final int CASES = Integer.getInteger("weft.fuzz.differential.cases", 2);
    private static final long SEED = Long.getLong("weft.fuzz.seed", 17);

    @Test
    void randomModulesFromEveryFeatureSetAgreeWithBinaryen() {
        Optional<Toolchain> tools = Toolchain.locate().filter(t -> t.wasmOpt().isPresent());
        assumeTrue(tools.isPresent(), "wasm-opt is not installed, the differential smoke is skipped: "
                + Toolchain.INSTALL_HINT);
        Findings findings = new Findings(null);
        DifferentialFuzzer fuzzer = new DifferentialFuzzer(tools.get(), findings, true);
        fuzzer.run(List.of(FeatureSet.values()), SEED, 0, new Budget(CASES * FeatureSet.values().length, 0), 0);
        for (FeatureSet f : FeatureSet.values()) {
            Map<DifferentialFuzzer.Verdict, Long> counts = fuzzer.counts().get(f);
            assertEquals(Map.of(DifferentialFuzzer.Verdict.AGREE, (long) CASES), counts, f + ": " + fuzzer.counts());
        }
        assertEquals(0, findings.count());
    }
}
