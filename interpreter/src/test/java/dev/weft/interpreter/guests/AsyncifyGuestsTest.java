package dev.weft.interpreter.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.interpreter.wasi.WasiCommand;
import dev.weft.interpreter.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The C fiber programs built with the Asyncify backend run on Weft as WASI commands and print
 * what an independent computation gives (formulas below, not output recorded from Weft). The
 * native and WasmFX builds need stack switching and are not run here yet.
 */
class AsyncifyGuestsTest {
    private static final Path BUILD = Path.of("..", "guests", "build");

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(String program, String... args) throws Exception {
        Path wasm = BUILD.resolve(program + "-asyncify.wasm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        WasiConfig config = WasiConfig.builder().args(argv).stdout(out).stderr(err).build();
        int code = WasiCommand.run(BinaryDecoder.decode(Files.readAllBytes(wasm)), config);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // program, scale, expected last line
        "generator, 10, 55",          // 1 + ... + 10
        "generator, 1000, 500500",    // n(n+1)/2
        "skynet, 2, 4950",            // leaves 0..99 summed
        "skynet, 3, 499500",          // leaves 0..999 summed
        "c10m, 100 10, 100",          // 100 fibers, each returns 1
    })
    void fiberProgramsPrintTheIndependentlyComputedResult(String program, String scale, String expected)
            throws Exception {
        Run r = run(program, scale.split(" "));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(expected, lastLine(r.stdout()));
    }

    @Test
    void helloAlternatesTwoFibersToSpellHelloWorld() throws Exception {
        Run r = run("hello");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("Hello World", lastLine(r.stdout()));
    }

    @Test
    void sieveOfFiberFiltersFindsTheNthPrime() throws Exception {
        Run r = run("sieve", "100");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(Integer.toString(nthPrime(100)), lastLine(r.stdout()));
    }

    @Test
    void aShadowStackOverflowIsCaughtNotSilent() throws Exception {
        Run fits = run("overflow", "1000");
        assertEquals(0, fits.exitCode(), fits.stderr());
        assertEquals("ok 1000", lastLine(fits.stdout()));
        // The fiber library reports the overflow on stderr and calls abort(), which wasi-libc
        // implements with the `unreachable` instruction: a trap.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args("overflow", "65536").stderr(err).build();
        byte[] wasm = Files.readAllBytes(BUILD.resolve("overflow-asyncify.wasm"));
        Trap trap = assertThrows(Trap.class, () -> WasiCommand.run(BinaryDecoder.decode(wasm), config));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("fiber: shadow stack overflow"), err.toString());
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }

    private static int nthPrime(int n) {
        int count = 0;
        for (int k = 2; ; k++) {
            boolean prime = true;
            for (int d = 2; d * d <= k; d++) {
                if (k % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime && ++count == n) {
                return k;
            }
        }
    }
}
