package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.compiler.BytecodeTier;
import dev.weft.interpreter.compiler.TierStats;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The suite's {@code simd/} and {@code relaxed-simd/} files with {@code weft.tier=compiled}: every
 * command passes, and no function is left to the interpreter for a v128 reason, so the SIMD code
 * of the suite really runs compiled (the four-tier suite runs check the results, this test that
 * the compiled tier is the one running them).
 */
class SimdCompiledSuiteTest {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void theSimdSuiteCompilesEveryFunctionAndPasses() throws Exception {
        Optional<Path> found = TestSuite.find();
        assumeTrue(found.isPresent(), TestSuite.MISSING_MESSAGE);
        Path suite = found.get();
        List<String> files = SuiteScope.read(Path.of("..", "conformance", "scope.txt")).files(suite).stream()
                .filter(f -> f.startsWith("simd/") || f.startsWith("relaxed-simd/")).toList();
        assertTrue(files.size() >= 60, "simd files in scope: " + files.size());
        String before = System.getProperty(BytecodeTier.PROPERTY);
        System.setProperty(BytecodeTier.PROPERTY, "compiled");
        List<String> failed = new ArrayList<>();
        TierStats.reset();
        try {
            for (String rel : files) {
                for (ScriptRun.Result r : ScriptRun.run(suite.resolve(rel), QUIET)) {
                    if (r.outcome().status() == Outcome.Status.FAILED) {
                        failed.add(rel + ":" + r.command().line() + " " + r.outcome().detail());
                    }
                }
            }
        } finally {
            if (before == null) {
                System.clearProperty(BytecodeTier.PROPERTY);
            } else {
                System.setProperty(BytecodeTier.PROPERTY, before);
            }
        }
        Map<String, Long> left = TierStats.interpreted();
        long compiled = TierStats.compiled();
        String summary = TierStats.summary();
        TierStats.reset();
        System.out.println("[simd/ and relaxed-simd/, weft.tier=compiled] " + summary);
        assertEquals(List.of(), failed.subList(0, Math.min(20, failed.size())), failed.size() + " failed; " + summary);
        assertTrue(compiled > 1000, summary);
        assertEquals(Map.of(), left, summary);
    }
}
