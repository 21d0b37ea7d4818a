package dev.weft.wast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.valid.Validator;
import dev.weft.wast.ModuleSource;
import dev.weft.wast.TestSuite;
import dev.weft.wast.WastCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the validator over the conformance suite: every {@code assert_invalid} module must fail
 * with a message starting with the expected text, and every plain {@code (module ...)} (and the
 * module of an {@code assert_unlinkable}, {@code assert_uninstantiable} or module
 * {@code assert_trap}) must validate. Scripts are read with {@code WastParser}; text and quote
 * modules are parsed with the text parser and binary ones decoded with {@code BinaryDecoder};
 * modules they reject are counted as unparsed and not held against the validator.
 */
class SuiteValidationTest {
    /** Fraction of parsed commands of the core (in-scope) files that must pass. */
    private static final double CORE_PASS_RATE = 0.99;
    /** The same for the GC and stack-switching files. */
    private static final double PROPOSAL_PASS_RATE = 0.95;

    @Test
    void coreSuiteModulesValidateAndInvalidOnesFailWithTheExpectedMessage() {
        Path suite = TestSuite.require();
        List<Path> core = new ArrayList<>(TestSuite.scripts(suite));
        core.removeIf(p -> p.getFileName().toString().startsWith("simd"));
        core.addAll(TestSuite.scripts(suite.resolve("multi-memory")));
        Tally total = run("core", core);
        Tally gc = run("gc", TestSuite.scripts(suite.resolve("gc")));
        Tally ss = run("stack-switching", TestSuite.scripts(suite.resolve("stack-switching")));
        System.out.println("[suite] gc: " + gc + "; stack-switching: " + ss);
        assertTrue(total.passed >= CORE_PASS_RATE * (total.passed + total.failed),
                "core pass rate too low: " + total);
        assertTrue(gc.passed >= PROPOSAL_PASS_RATE * (gc.passed + gc.failed), "gc pass rate too low: " + gc);
        assertTrue(ss.passed >= PROPOSAL_PASS_RATE * (ss.passed + ss.failed),
                "stack-switching pass rate too low: " + ss);
    }

    /** Counts for a set of files. */
    static final class Tally {
        int passed;
        int failed;
        int parseErrors;
        int skipped;
        final List<String> failures = new ArrayList<>();

        void add(Tally t) {
            passed += t.passed;
            failed += t.failed;
            parseErrors += t.parseErrors;
            skipped += t.skipped;
            failures.addAll(t.failures);
        }

        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed, " + parseErrors + " unparsed, " + skipped + " skipped";
        }
    }

    private static Tally run(String label, List<Path> files) {
        Tally total = new Tally();
        for (Path f : files) {
            Tally t = runFile(f);
            System.out.println("[suite] " + f.getFileName() + ": " + t);
            total.add(t);
        }
        System.out.println("[suite] " + label + " total: " + total);
        for (String failure : total.failures) {
            System.out.println("[suite]   FAIL " + failure);
        }
        return total;
    }

    private static Tally runFile(Path file) {
        Tally t = new Tally();
        for (WastCommand c : TestSuite.parse(file, file.getFileName().toString()).commands()) {
            String where = file.getFileName() + ":" + c.line();
            switch (c) {
                case WastCommand.DefineModule m -> check(t, where, m.source(), null);
                case WastCommand.InstantiateModule i -> t.skipped++;
                case WastCommand.AssertUnlinkable a -> check(t, where, a.module(), null);
                case WastCommand.AssertUninstantiable a -> check(t, where, a.module(), null);
                case WastCommand.AssertInvalid a -> check(t, where, a.module(), a.message());
                default -> { }
            }
        }
        return t;
    }

    private static void check(Tally t, String where, ModuleSource source, String expected) {
        Module m;
        try {
            m = switch (source) {
                case ModuleSource.Text text -> text.parse();
                case ModuleSource.Quote quote -> quote.parse();
                case ModuleSource.Binary binary -> BinaryDecoder.decode(binary.bytes());
            };
        } catch (MalformedModuleException | RuntimeException | StackOverflowError e) {
            t.parseErrors++;
            return;
        }
        String outcome = outcome(m);
        boolean ok = expected == null ? outcome == null : outcome != null && outcome.startsWith(expected);
        if (ok) {
            t.passed++;
        } else {
            t.failed++;
            t.failures.add(where + " expected " + (expected == null ? "valid" : "\"" + expected + "\"")
                    + " got " + (outcome == null ? "valid" : "\"" + outcome + "\""));
        }
    }

    private static String outcome(Module m) {
        try {
            Validator.validate(m);
            return null;
        } catch (InvalidModuleException e) {
            return e.getMessage();
        } catch (RuntimeException | StackOverflowError e) {
            return "CRASH " + e;
        }
    }
}
