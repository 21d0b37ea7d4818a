package dev.weft.interpreter.valid;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.InvalidModuleException;
import dev.weft.interpreter.ast.Module;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the validator over the conformance suite: every {@code assert_invalid} module must fail
 * with a message starting with the expected text, and every plain {@code (module ...)} must
 * validate. Modules are parsed with the text parser ({@code dev.weft.interpreter.text.WatParser})
 * or decoded with {@code dev.weft.interpreter.binary.BinaryDecoder}, both looked up reflectively
 * so this test compiles without them; modules they reject are counted as unparsed and not held
 * against the validator.
 *
 * <p>The suite is found through {@code WEFT_TESTSUITE}, then {@code WEFT_TESTSUITE_DEFAULT}, then
 * a {@code shared/testsuite} directory next to the working directory or one of its parents.
 */
class SuiteValidationTest {
    /** Fraction of parsed commands of the core (in-scope) files that must pass. */
    private static final double CORE_PASS_RATE = 0.99;
    /** The same for the GC and stack-switching files. */
    private static final double PROPOSAL_PASS_RATE = 0.95;
    /** Commands whose module must pass validation (it fails later, at link or start time). */
    private static final java.util.Set<String> MUST_VALIDATE =
            java.util.Set.of("assert_unlinkable", "assert_uninstantiable", "assert_trap");

    @Test
    void coreSuiteModulesValidateAndInvalidOnesFailWithTheExpectedMessage() throws Exception {
        Path suite = locateSuite();
        assumeTrue(suite != null, "test suite not found (set WEFT_TESTSUITE)");
        Method parse = parser();
        assumeTrue(parse != null, "text parser dev.weft.interpreter.text.WatParser not available yet");
        List<Path> core = new ArrayList<>();
        try (Stream<Path> files = Files.list(suite)) {
            files.filter(p -> p.toString().endsWith(".wast")).sorted().forEach(core::add);
        }
        core.removeIf(p -> p.getFileName().toString().startsWith("simd"));
        core.addAll(list(suite.resolve("multi-memory")));
        Tally total = run("core", core, parse);
        Tally gc = run("gc", list(suite.resolve("gc")), parse);
        Tally ss = run("stack-switching", list(suite.resolve("stack-switching")), parse);
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

    private static Tally run(String label, List<Path> files, Method parse) throws IOException {
        Tally total = new Tally();
        for (Path f : files) {
            Tally t = runFile(f, parse);
            System.out.println("[suite] " + f.getFileName() + ": " + t);
            total.add(t);
        }
        System.out.println("[suite] " + label + " total: " + total);
        for (String failure : total.failures) {
            System.out.println("[suite]   FAIL " + failure);
        }
        return total;
    }

    private static Tally runFile(Path file, Method parse) throws IOException {
        Tally t = new Tally();
        String src = Files.readString(file);
        for (WastForms.Form form : WastForms.topLevel(src)) {
            String head = WastForms.head(form.text());
            String where = file.getFileName() + ":" + form.line();
            if (head.equals("module")) {
                check(t, where, form.text(), null, parse);
            } else if (MUST_VALIDATE.contains(head)) {
                List<String> kids = WastForms.children(form.text());
                if (!kids.isEmpty() && WastForms.head(kids.get(0)).equals("module")) {
                    check(t, where, kids.get(0), null, parse);
                }
            } else if (head.equals("assert_invalid")) {
                List<String> kids = WastForms.children(form.text());
                List<String> strings = WastForms.strings(form.text());
                if (kids.isEmpty() || strings.isEmpty()) {
                    t.skipped++;
                    continue;
                }
                check(t, where, kids.get(0), strings.get(strings.size() - 1), parse);
            }
        }
        return t;
    }

    private static void check(Tally t, String where, String moduleText, String expected, Method parse) {
        String kind = WastForms.secondWord(moduleText);
        if (kind.startsWith("$")) {
            kind = WastForms.secondWord("(" + moduleText.substring(moduleText.indexOf(kind) + kind.length()));
        }
        if (kind.equals("instance") || (kind.equals("binary") && DECODE == null)) {
            t.skipped++;
            return;
        }
        String text = kind.equals("quote")
                ? "(module " + String.join(" ", WastForms.strings(moduleText)) + ")"
                : moduleText.replaceFirst("^\\(module\\s+definition", "(module");
        Module m;
        try {
            m = kind.equals("binary") ? decode(moduleText) : parse(parse, text);
        } catch (Throwable e) {
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

    private static Module parse(Method parse, String text) throws Throwable {
        try {
            Object target = Modifier.isStatic(parse.getModifiers())
                    ? null
                    : parse.getDeclaringClass().getDeclaredConstructor().newInstance();
            return (Module) parse.invoke(target, text);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final Method DECODE = decoder();

    private static Method decoder() {
        try {
            return Class.forName("dev.weft.interpreter.binary.BinaryDecoder").getMethod("decode", byte[].class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Module decode(String moduleText) throws Throwable {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (byte[] b : WastForms.byteStrings(moduleText)) {
            bytes.writeBytes(b);
        }
        try {
            return (Module) DECODE.invoke(null, (Object) bytes.toByteArray());
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Method parser() {
        try {
            return Class.forName("dev.weft.interpreter.text.WatParser").getMethod("parseModule", String.class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
    }

    static Path locateSuite() {
        for (String env : new String[] {"WEFT_TESTSUITE", "WEFT_TESTSUITE_DEFAULT"}) {
            String v = System.getenv(env);
            if (v != null && Files.isDirectory(Path.of(v))) {
                return Path.of(v);
            }
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/testsuite");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
