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
    private static final int CASES = Integer.getInteger("weft.fuzz.differential.cases", 10);
    private static final long SEED = Long.getLong("weft.fuzz.seed", 17);

    @Test
    void nodeRunsTheFuzzingSupportModuleAsWeftDoes() throws Exception {
        Optional<Toolchain> tools = Toolchain.locate().filter(t -> t.node().isPresent());
        assumeTrue(tools.isPresent(), "Node 26 is not installed, the Node check is skipped: " + Toolchain.INSTALL_HINT);
        byte[] wasm = dev.weft.interpreter.binary.BinaryEncoder.encode(dev.weft.interpreter.text.WatParser.parseModule(
                new String(getClass().getResourceAsStream("fuzzing-support.wat").readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)));
        List<String> node = new NodeOracle(tools.get().node().get()).run(wasm);
        assertEquals(Optional.empty(), OutputComparison.firstDifference(node, FuzzingSupport.run(wasm, Tier.INTERP), true),
                String.join("\n", node));
        assertEquals("[LoggingExternalInterface logging 2 -1]", node.get(6), String.join("\n", node));
    }

    @Test
    void randomModulesFromEveryFeatureSetAgreeWithBinaryen() {
        Optional<Toolchain> tools = Toolchain.locate().filter(t -> t.wasmOpt().isPresent());
        assumeTrue(tools.isPresent(), "wasm-opt is not installed, the differential smoke is skipped: "
                + Toolchain.INSTALL_HINT);
        Findings findings = new Findings(null);
        try (DifferentialFuzzer fuzzer = new DifferentialFuzzer(tools.get(), findings, DifferentialFuzzer.Options.DEFAULTS)) {
            fuzzer.run(List.of(FeatureSet.values()), SEED, 0, new Budget(CASES * FeatureSet.values().length, 0), 0);
            for (FeatureSet f : FeatureSet.values()) {
                Map<DifferentialFuzzer.Verdict, Long> counts = fuzzer.counts().get(f);
                assertEquals(Map.of(DifferentialFuzzer.Verdict.AGREE, (long) CASES), counts, f + ": " + fuzzer.counts());
            }
        }
        assertEquals(0, findings.count());
    }

    /**
     * The case that found the fuzzer's call-ref-in-start bug (regressions/call-ref-in-start.wat):
     * its start function calls call-ref-catch, which FuzzingSupport made throw.
     */
    @Test
    void callRefCatchInTheStartFunctionCallsTheFunction() {
        assertEquals(DifferentialFuzzer.Verdict.AGREE, replay(FeatureSet.EH, 1, 1896));
    }

    /** The verdict of one differential case, in both tiers; skips the test when wasm-opt is not installed. */
    static DifferentialFuzzer.Verdict replay(FeatureSet features, long seed, long index) {
        Optional<Toolchain> tools = Toolchain.locate().filter(t -> t.wasmOpt().isPresent());
        assumeTrue(tools.isPresent(), "wasm-opt is not installed: " + Toolchain.INSTALL_HINT);
        try (DifferentialFuzzer fuzzer = new DifferentialFuzzer(tools.get(), new Findings(null),
                DifferentialFuzzer.Options.DEFAULTS)) {
            return fuzzer.runCase(features, seed, index);
        }
    }
}
