package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.weft.interpreter.compiler.BytecodeTier;
import dev.weft.interpreter.compiler.TierStats;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite: one container per in-scope .wast file, one test per command
 * ({@code file.wast:LINE Kind}), run in order on one session per file. Commands listed in
 * conformance/known-failures.txt are reported as skipped with their reason while they fail,
 * and fail the build once they pass (so the list is kept exact).
 */
class SpecSuiteTest {
    private static final Path CONFORMANCE = Path.of("..", "conformance");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /**
     * The counts are process-wide and other test classes of the same run (the compiler's tests)
     * compile too: start from zero, so that the report below counts the suite's modules alone
     * (test classes run one after the other).
     */
    @BeforeAll
    static void countTierFromZero() {
        TierStats.reset();
    }

    /** With {@code -Dweft.tier=compiled}: how many functions the suite's modules compiled, and why others did not. */
    @AfterAll
    static void reportTier() {
        if (BytecodeTier.mode() != BytecodeTier.Mode.INTERP) {
            String split = System.getProperty("weft.compiler.maxMethodBytes");
            System.out.println("[weft.tier=" + BytecodeTier.mode().name().toLowerCase(java.util.Locale.ROOT)
                    + (split == null ? "" : ", weft.compiler.maxMethodBytes=" + split)
                    + "] conformance suite: " + TierStats.summary());
            // a class the JVM refuses falls back to the interpreter, so the suite would still pass
            List<String> rejected = TierStats.interpreted().keySet().stream()
                    .filter(reason -> reason.startsWith("class rejected")).toList();
            org.junit.jupiter.api.Assertions.assertTrue(rejected.isEmpty(),
                    "the JVM rejected compiled classes (a compiler bug): " + rejected);
        }
    }

    @TestFactory
    Stream<DynamicNode> conformanceSuite() throws IOException {
        Optional<Path> found = TestSuite.find();
        if (found.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("conformance suite", () ->
                    abort(TestSuite.MISSING_MESSAGE)));
        }
        Path suite = found.get();
        SuiteScope scope = SuiteScope.read(CONFORMANCE.resolve("scope.txt"));
        KnownFailures known = KnownFailures.read(CONFORMANCE.resolve("known-failures.txt"));
        List<String> files = scope.files(suite);
        return files.stream().map(rel -> fileContainer(suite, rel, known));
    }

    private static DynamicContainer fileContainer(Path suite, String rel, KnownFailures known) {
        Path file = suite.resolve(rel);
        return DynamicContainer.dynamicContainer(rel, file.toUri(),
                ScriptRun.run(file, QUIET).stream().map(r -> commandTest(rel, r, known)));
    }

    private static DynamicTest commandTest(String rel, ScriptRun.Result r, KnownFailures known) {
        int line = r.command().line();
        String name = rel + ":" + line + " " + r.command().getClass().getSimpleName();
        String reason = known.reason(rel, line);
        Outcome o = r.outcome();
        return DynamicTest.dynamicTest(name, () -> {
            if (reason != null) {
                if (o.passed()) {
                    fail(rel + ":" + line + " is listed in known-failures.txt but now passes: remove it");
                }
                abort("known failure: " + reason);
            }
            switch (o.status()) {
                case PASSED -> { }
                case SKIPPED -> abort(o.detail());
                case FAILED -> fail(o.detail());
            }
        });
    }
}
