package dev.weft.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Fuzzer cases that found bugs of issue 17, kept as regression tests now that the bugs are
 * fixed (the engine's own tests for them: LoopLabelTargetsTest, DeepNestingTest).
 */
class Issue17FindingsTest {
    /**
     * Issue 17 bug 3: about 100,000 nested {@code block}s in text overflowed the text parser's
     * Java stack. Mutation case 81 of seed 5 with nesting up to 200,000 escaped from
     * {@code WatParser.parseModule} as a StackOverflowError (even on the fuzzer's 64 MB stack).
     */
    @Test
    void deeplyNestedTextIsMalformedOrParsedNotAStackOverflow() {
        Findings findings = new Findings(null);
        MutationFuzzer.Outcome o = new MutationFuzzer(findings, 200_000).runCase(5, 81);
        assertEquals(0, findings.count(), "outcome " + o);
    }

    /**
     * Issue 17 bug 1: a try_table catch that targets a loop label left the loop. Differential
     * case 43 of seed 3000 (feature set eh) has {@code (catch_all $label4)} on a loop; binaryen's
     * hang-limit counter runs out in export func_35 ("[trap unreachable]"), Weft's does not, as
     * when a caught exception leaves a loop that should have restarted. Needs wasm-opt.
     */
    @Test
    void aCatchTargetingALoopLabelAgreesWithBinaryen() {
        assertEquals(DifferentialFuzzer.Verdict.AGREE, DifferentialFuzzerTest.replay(FeatureSet.EH, 3000, 43));
    }
}
