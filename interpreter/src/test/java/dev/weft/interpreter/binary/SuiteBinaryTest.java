package dev.weft.interpreter.binary;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.interpreter.MalformedModuleException;
import dev.weft.interpreter.ast.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs the decoder over every {@code (module binary ...)} of the spec suite (SIMD excluded). */
class SuiteBinaryTest {
    private static List<WastBinaryModules.Entry> entries;

    @BeforeAll
    static void load() throws IOException {
        Path suite = WastBinaryModules.suiteDir();
        assumeTrue(suite != null, "spec test suite not found (set WEFT_TESTSUITE); skipping");
        entries = WastBinaryModules.all(suite);
    }

    @Test
    void malformedBinaryModulesFailWithTheExpectedMessage() {
        int total = 0;
        List<String> failures = new ArrayList<>();
        for (WastBinaryModules.Entry e : entries) {
            if (!e.command().equals("assert_malformed")) {
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
        for (WastBinaryModules.Entry e : entries) {
            if (e.command().equals("assert_malformed")) {
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
