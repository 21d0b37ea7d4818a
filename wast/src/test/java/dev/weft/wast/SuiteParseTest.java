package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parses every in-scope script of the conformance suite: each text or quote module outside
 * {@code assert_malformed} must parse, and each quoted {@code assert_malformed} module must
 * fail with a message starting with the expected text.
 */
class SuiteParseTest {
    private static final String[] DIRS = {"", "gc", "multi-memory", "stack-switching"};

    private final List<String> failures = new ArrayList<>();
    private int passed;
    private int total;

    @Test
    void everyInScopeScriptParsesAndMalformedQuotesFailWithTheExpectedMessage() {
        Path suite = TestSuite.require();
        for (String dir : DIRS) {
            for (Path f : TestSuite.scripts(suite.resolve(dir))) {
                checkFile(f, dir.isEmpty() ? f.getFileName().toString() : dir + "/" + f.getFileName());
            }
        }
        failures.forEach(System.out::println);
        System.out.printf("suite parse: %d/%d module checks passed, %d failures%n", passed, total, failures.size());
        assertTrue(passed >= total * 0.995, "pass rate too low: " + passed + "/" + total);
    }

    private void checkFile(Path file, String name) {
        int before = passed;
        int beforeTotal = total;
        WastScript script;
        try {
            script = TestSuite.parse(file, name);
        } catch (IllegalArgumentException e) {
            total++;
            failures.add(name + ": script: " + e.getMessage());
            return;
        }
        for (WastCommand c : script.commands()) {
            check(name + ":" + c.line(), c);
        }
        System.out.printf("%-40s %5d/%5d%n", name, passed - before, total - beforeTotal);
    }

    private void check(String where, WastCommand c) {
        switch (c) {
            case WastCommand.DefineModule m -> mustParse(where, m.source());
            case WastCommand.AssertInvalid a -> mustParse(where, a.module());
            case WastCommand.AssertUnlinkable a -> mustParse(where, a.module());
            case WastCommand.AssertUninstantiable a -> mustParse(where, a.module());
            case WastCommand.AssertMalformed a -> mustFail(where, a.module(), a.message());
            default -> { }
        }
    }

    private void mustParse(String where, ModuleSource source) {
        try {
            switch (source) {
                case ModuleSource.Text t -> t.parse();
                case ModuleSource.Quote q -> q.parse();
                case ModuleSource.Binary b -> {
                    return;
                }
            }
            total++;
            passed++;
        } catch (MalformedModuleException | RuntimeException e) {
            total++;
            failures.add(where + ": " + e);
        }
    }

    private void mustFail(String where, ModuleSource source, String expected) {
        if (!(source instanceof ModuleSource.Quote q)) {
            return;
        }
        total++;
        try {
            q.parse();
            failures.add(where + ": parsed, expected \"" + expected + "\"");
        } catch (MalformedModuleException e) {
            if (e.getMessage().startsWith(expected)) {
                passed++;
            } else {
                failures.add(where + ": expected \"" + expected + "\" got \"" + e.getMessage() + "\"");
            }
        } catch (RuntimeException e) {
            failures.add(where + ": crashed " + e);
        }
    }
}
