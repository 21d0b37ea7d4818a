package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutputCheckTest {
    private static ProcessRunner.Outcome exit(int code, String out, String err) {
        return new ProcessRunner.Outcome(code, out, err, 1_000_000, false);
    }

    @Test
    void theLastNonBlankLineMustBeTheExpectedOne() {
        assertEquals(Optional.empty(), OutputCheck.failure(exit(0, "Hello World\n", ""), "Hello World", 60));
        assertEquals(Optional.empty(), OutputCheck.failure(exit(0, "progress\n55\n\n", "noise"), "55", 60));
        assertEquals(Optional.of("wrong output: got \"54\", expected \"55\""),
                OutputCheck.failure(exit(0, "54\n", ""), "55", 60));
        assertEquals(Optional.of("wrong output: got \"\", expected \"55\""),
                OutputCheck.failure(exit(0, "", ""), "55", 60));
    }

    @Test
    void anEmptyExpectationMeansNoOutput() {
        assertEquals(Optional.empty(), OutputCheck.failure(exit(0, "", ""), "", 60));
        assertEquals(Optional.of("wrong output: got \"x\", expected \"\""), OutputCheck.failure(exit(0, "x\n", ""), "", 60));
    }

    @Test
    void aNonZeroExitReportsTheFirstLineOfStderr() {
        String err = "\nweft: unlinkable module: unknown import: \"weft_fiber\" \"fiber_init\"\n\tat x\n";
        assertEquals(Optional.of("weft: unlinkable module: unknown import: \"weft_fiber\" \"fiber_init\" (exit code 1)"),
                OutputCheck.failure(exit(1, "", err), "Hello World", 60));
        assertEquals(Optional.of("partial (exit code 134)"), OutputCheck.failure(exit(134, "partial\n", ""), "1", 60));
        assertEquals(Optional.of("no output (exit code 3)"), OutputCheck.failure(exit(3, "", ""), "1", 60));
    }

    @Test
    void aTimeoutIsAFailureEvenWithTheRightOutput() {
        ProcessRunner.Outcome o = new ProcessRunner.Outcome(-1, "55\n", "", 61_000_000_000L, true);
        assertEquals(Optional.of("timed out after 60 s"), OutputCheck.failure(o, "55", 60));
    }
}
