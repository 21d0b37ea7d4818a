package dev.weft.fibers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.CompiledModule;
import dev.weft.interpreter.Linker;
import dev.weft.interpreter.Trap;
import dev.weft.interpreter.TrapKind;
import dev.weft.interpreter.ast.Module;
import dev.weft.interpreter.binary.BinaryDecoder;
import dev.weft.wasi.WasiCommand;
import dev.weft.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The C fiber programs built with each of the three backends (native: {@link WeftFiber};
 * WasmFX: merged stack-switching module; Asyncify) run on Weft as WASI commands and print what
 * an independent computation gives (formulas below, not output recorded from Weft).
 */
class GuestProgramsTest {
    private static final Path BUILD = Path.of("..", "guests", "build");

    private record Run(int exitCode, String stdout, String stderr) {}

    private static Run run(String program, String backend, String... args) throws Exception {
        Path wasm = BUILD.resolve(program + "-" + backend + ".wasm");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of(program));
        argv.addAll(List.of(args));
        WasiConfig config = WasiConfig.builder().args(argv).stdout(out).stderr(err).build();
        int code = runCommand(wasm, config);
        return new Run(code, out.toString(StandardCharsets.UTF_8).strip(), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1} ({3})")
    @CsvSource({
        // program, scale, expected last line, backend
        "generator, 10, 55, asyncify",          // 1 + ... + 10
        "generator, 1000, 500500, asyncify",    // n(n+1)/2
        "skynet, 2, 4950, asyncify",            // leaves 0..99 summed
        "skynet, 3, 499500, asyncify",          // leaves 0..999 summed
        "c10m, 100 10, 100, asyncify",          // 100 fibers, each returns 1
        "generator, 10, 55, wasmfx",
        "generator, 1000, 500500, wasmfx",
        "skynet, 2, 4950, wasmfx",
        "skynet, 3, 499500, wasmfx",
        "c10m, 100 10, 100, wasmfx",
        "generator, 10, 55, native",
        "generator, 1000, 500500, native",
        "skynet, 2, 4950, native",
        "skynet, 3, 499500, native",
        "c10m, 100 10, 100, native",
    })
    void fiberProgramsPrintTheIndependentlyComputedResult(String program, String scale, String expected,
            String backend) throws Exception {
        Run r = run(program, backend, scale.split(" "));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(expected, lastLine(r.stdout()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncify", "wasmfx", "native"})
    void helloAlternatesTwoFibersToSpellHelloWorld(String backend) throws Exception {
        Run r = run("hello", backend);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("Hello World", lastLine(r.stdout()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncify", "wasmfx", "native"})
    void sieveOfFiberFiltersFindsTheNthPrime(String backend) throws Exception {
        Run r = run("sieve", backend, "100");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(Integer.toString(nthPrime(100)), lastLine(r.stdout()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"asyncify", "wasmfx", "native"})
    void aShadowStackOverflowIsCaughtNotSilent(String backend) throws Exception {
        Run fits = run("overflow", backend, "1000");
        assertEquals(0, fits.exitCode(), fits.stderr());
        assertEquals("ok 1000", lastLine(fits.stdout()));
        // The fiber library reports the overflow on stderr and calls abort(), which wasi-libc
        // implements with the `unreachable` instruction: a trap.
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args("overflow", "65536").stderr(err).build();
        Trap trap = assertThrows(Trap.class, () -> runCommand(BUILD.resolve("overflow-" + backend + ".wasm"), config));
        assertEquals(TrapKind.UNREACHABLE, trap.kind());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("fiber: shadow stack overflow"), err.toString());
    }

    /** Runs a guest as {@code weft run} does: WASI, plus {@code weft_fiber} when imported. */
    private static int runCommand(Path wasm, WasiConfig config) throws Exception {
        Module module = BinaryDecoder.decode(Files.readAllBytes(wasm));
        Linker linker = new Linker();
        WeftFiber fibers = WeftFiber.imports(module) ? WeftFiber.define(linker) : null;
        return WasiCommand.run(linker, CompiledModule.compile(module), config, instance -> {
            if (fibers != null) {
                fibers.bind(instance);
            }
        });
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
