package dev.weft.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SIMD's front end (decoder, text parser, validator) over the suite's {@code simd/} files, which
 * stay out of the conformance run until SIMD executes: every {@code assert_malformed} and
 * {@code assert_invalid} command passes, and every module the scripts define gets through
 * decoding and validation and is refused only by lowering ("unsupported instruction"), or loads
 * (or cannot link because it imports from a module that was refused).
 */
class SimdFrontEndTest {
    @Test
    void everySimdModuleDecodesAndValidatesAndEveryBadOneIsRejectedAsTheSuiteSays() {
        Path dir = TestSuite.require().resolve("simd");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        for (Path file : TestSuite.scripts(dir)) {
            WastSession session = new WastSession(quiet);
            boolean earlierModuleRefused = false;
            for (WastCommand c : TestSuite.parse(file, "simd/" + file.getFileName()).commands()) {
                String where = file.getFileName() + ":" + c.line();
                switch (c) {
                    case WastCommand.AssertMalformed a -> {
                        checked++;
                        expectPass(where, session.run(c), failures);
                    }
                    case WastCommand.AssertInvalid a -> {
                        checked++;
                        expectPass(where, session.run(c), failures);
                    }
                    case WastCommand.DefineModule m -> {
                        checked++;
                        Outcome o = session.run(c);
                        boolean refusedByLowering = !o.passed() && o.detail().contains("unsupported instruction");
                        // a module importing from one that was refused cannot link: not the front end's fault
                        boolean importsFromRefused = earlierModuleRefused && o.detail().contains("unknown import");
                        if (!o.passed() && !refusedByLowering && !importsFromRefused) {
                            failures.add(where + ": " + o.detail());
                        }
                        earlierModuleRefused |= refusedByLowering;
                    }
                    // modules run now (SIMD executes), so a later module may import from a registered one
                    case WastCommand.Register r -> session.run(c);
                    default -> { }
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.printf("simd front end: %d commands checked, %d failures%n", checked, failures.size());
        assertTrue(checked > 900, "too few commands: " + checked);
        assertEquals(List.of(), failures);
    }

    private static void expectPass(String where, Outcome o, List<String> failures) {
        if (!o.passed()) {
            failures.add(where + ": " + o.detail());
        }
    }
}
