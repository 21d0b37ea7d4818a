package dev.weft.wast.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.testing.Structural;
import dev.weft.wast.ModuleSource;
import dev.weft.wast.TestSuite;
import dev.weft.wast.WastCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the decoder over every {@code (module binary ...)} of the spec suite (SIMD excluded). */
class SuiteBinaryTest {
    private static List<Entry> entries;

    /** One binary module of a script, with its command and the message it expects (null for none). */
    private record Entry(String where, boolean malformed, byte[] bytes, String expected) {}

    @BeforeAll
    static void load() throws IOException {
        entries = binaryModules(TestSuite.require());
    }

    /** The binary modules of all the suite's scripts, in file and line order, SIMD directories excluded. */
    private static List<Entry> binaryModules(Path suite) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(suite)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                String rel = suite.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("simd/") || rel.startsWith("relaxed-simd/")) {
                    continue;
                }
                for (WastCommand c : TestSuite.parse(f, rel).commands()) {
                    String where = rel + ":" + c.line() + " " + c.getClass().getSimpleName();
                    switch (c) {
                        case WastCommand.DefineModule m -> add(out, where, false, m.source(), null);
                        case WastCommand.AssertMalformed a -> add(out, where, true, a.module(), a.message());
                        case WastCommand.AssertInvalid a -> add(out, where, false, a.module(), a.message());
                        case WastCommand.AssertUnlinkable a -> add(out, where, false, a.module(), a.message());
                        case WastCommand.AssertUninstantiable a ->
                                add(out, where, false, a.module(), a.message());
                        default -> { }
                    }
                }
            }
        }
        return out;
    }

    private static void add(List<Entry> out, String where, boolean malformed, ModuleSource source,
            String expected) {
        if (source instanceof ModuleSource.Binary b) {
            out.add(new Entry(where, malformed, b.bytes(), expected));
        }
    }

    @Test
    void malformedBinaryModulesFailWithTheExpectedMessage() {
        int total = 0;
        List<String> failures = new ArrayList<>();
        for (Entry e : entries) {
            if (!e.malformed()) {
                continue;
            }
            total++;
            String outcome = outcome(e.bytes());
            if (!outcome.startsWith(e.expected())) {
                failures.add(e.where() + ": expected \"" + e.expected() + "\", got " + outcome);
            }
        }
        report("assert_malformed (module binary)", total, failures);
        assertTrue(total > 0, "no assert_malformed binary modules found");
        assertTrue(failures.size() * 100 <= total * 2, failures.size() + " of " + total + " failed");
    }

    @Test
    void binaryModulesThatDecodeSurviveADecodeEncodeDecodeRoundTrip() throws Exception {
        int total = 0;
        List<String> failures = new ArrayList<>();
        List<String> undecodable = new ArrayList<>();
        for (Entry e : entries) {
            if (e.malformed()) {
                continue;
            }
            Module m;
            try {
                m = BinaryDecoder.decode(e.bytes());
            } catch (MalformedModuleException ex) {
                undecodable.add(e.where() + ": " + ex.getMessage());
                continue;
            }
            total++;
            String diff = roundTripDifference(m);
            if (diff != null) {
                failures.add(e.where() + ": " + diff);
            }
        }
        report("round trip of decodable binary modules", total, failures);
        report("binary modules outside assert_malformed that did not decode", total + undecodable.size(),
                undecodable);
        assertTrue(failures.isEmpty(), failures.size() + " round-trip failures");
        assertTrue(undecodable.size() * 100 <= (total + undecodable.size()) * 2,
                undecodable.size() + " well-formed modules did not decode");
    }

    private static String roundTripDifference(Module m) {
        try {
            byte[] encoded = BinaryEncoder.encode(m);
            Module again = BinaryDecoder.decode(encoded);
            return Structural.difference(m, again);
        } catch (MalformedModuleException | RuntimeException ex) {
            return "re-decoding failed: " + ex;
        }
    }

    private static String outcome(byte[] bytes) {
        try {
            BinaryDecoder.decode(bytes);
            return "a module";
        } catch (MalformedModuleException ex) {
            return ex.getMessage();
        } catch (RuntimeException | Error ex) {
            return "crash " + ex;
        }
    }

    private static void report(String what, int total, List<String> failures) {
        System.out.printf("%s: %d of %d passed%n", what, total - failures.size(), total);
        for (String f : failures) {
            System.out.println("  FAIL " + f);
        }
    }
}
