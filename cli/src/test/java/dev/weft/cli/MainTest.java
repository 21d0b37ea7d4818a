package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user sees it: exit codes, stdout results, one-line errors on stderr. */
class MainTest {
    @TempDir
    Path dir;

    private String out;
    private String err;

    private int weft(String... args) {
        CliRun run = CliRun.of(args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    /** A module exporting divmod(a, b) = (a / b, a % b), signed. */
    private Path divmodModule() throws Exception {
        return file("m.wat", """
                (module (func (export "divmod") (param i32 i32) (result i32 i32)
                  (i32.div_s (local.get 0) (local.get 1)) (i32.rem_s (local.get 0) (local.get 1))))
                """);
    }

    @Test
    void runInvokesAnExportWithTypedArgumentsAndPrintsEachResult() throws Exception {
        Path wat = divmodModule();
        assertEquals(0, weft("run", wat.toString(), "--invoke", "divmod", "-17", "5"));
        assertEquals("-3\n-2\n", out.replace("\r", ""));
    }

    @Test
    void runWithTheCompiledTierGivesTheSameResultsAndCountsWhatCompiled() throws Exception {
        Path wat = divmodModule();
        try {
            assertEquals(0, weft("run", "--tier", "compiled", "--stats", wat.toString(), "--invoke", "divmod", "-17", "5"));
            assertEquals("-3\n-2\n", out.replace("\r", ""));
            assertTrue(err.matches("(?s).*compiled [1-9][0-9]* functions.*"), err);
        } finally {
            System.clearProperty("weft.tier");
        }
    }

    @Test
    void theDefaultTierIsAutoAndTiersUpWhenAFunctionIsHot() throws Exception {
        Path wat = divmodModule();
        try {
            System.setProperty("weft.tier.hotCalls", "1"); // the first call makes the instance hot
            assertEquals(0, weft("run", "--stats", wat.toString(), "--invoke", "divmod", "-17", "5"));
            assertEquals("-3\n-2\n", out.replace("\r", ""));
            assertTrue(err.contains("compiled 1 functions") && err.contains("1 instances tiered up when hot"), err);
        } finally {
            System.clearProperty("weft.tier.hotCalls");
        }
    }

    @Test
    void aBadHotCallsValueIsAOneLineError() throws Exception {
        Path wat = file("m.wat", "(module (func (export \"f\")))");
        try {
            System.setProperty("weft.tier.hotCalls", "0");
            assertNotEquals(0, weft("run", wat.toString(), "--invoke", "f"));
            assertEquals("weft: weft.tier.hotCalls must be a whole number of calls, at least 1, not '0'", err.strip());
        } finally {
            System.clearProperty("weft.tier.hotCalls");
        }
    }

    @Test
    void anUnknownTierIsAOneLineError() throws Exception {
        Path wat = file("m.wat", "(module)");
        assertNotEquals(0, weft("run", "--tier", "jit", wat.toString()));
        assertEquals("weft: unknown tier 'jit' (expected interp, compiled or auto)", err.strip());
        assertNull(System.getProperty("weft.tier"));
    }

    @Test
    void theReadmeDemoRunsSkynetFibersAtSmallScale() {
        // The README's demo program (C fibers as Weft continuations through weft_fiber, WASI) at
        // depth 3: the sum of leaf numbers 0..999 is 499500 (guests/check/expected.py computes
        // it independently).
        assertEquals(0, weft("run", "../guests/build/skynet-native.wasm", "3"), err);
        assertEquals("499500", out.strip());
    }

    @Test
    void theAsyncifyBuildOfTheDemoRunsToo() {
        // same program, fibers over binaryen's Asyncify: same sum
        assertEquals(0, weft("run", "../guests/build/skynet-asyncify.wasm", "3"), err);
        assertEquals("499500", out.strip());
    }

    @Test
    void aTrapIsOneLineOnStderrWithWasmtimesExitCodeAndTheWasmBacktraceOnRequest() throws Exception {
        Path wat = file("t.wat", """
                (module
                  (func (export "f") (result i32) (call $g))
                  (func $g (result i32) (i32.div_u (i32.const 1) (i32.const 0))))
                """);
        assertEquals(134, weft("run", wat.toString(), "--invoke", "f"));
        assertEquals(List.of("weft: trap: integer divide by zero"), err.strip().lines().toList());
        assertEquals("", out);
        assertEquals(134, weft("run", "--backtrace", wat.toString(), "--invoke", "f"));
        assertEquals(List.of("weft: trap: integer divide by zero", "wasm backtrace:", "    0: func[1]", "    1: func[0]"),
                err.strip().lines().toList());
        assertEquals("", out);
        // the same module in the binary format, laid out by hand: frames name their instruction's offset
        Path wasm = dir.resolve("t.wasm");
        Files.write(wasm, new byte[] {
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f, // type [] -> [i32]
            0x03, 0x03, 0x02, 0x00, 0x00, 0x07, 0x05, 0x01, 0x01, 'f', 0x00, 0x00, // 2 functions, export "f" = 0
            0x0a, 0x0e, 0x02, 0x04, 0x00, 0x10, 0x01, 0x0b, // 0x1b: code; body 0: call 1 at 0x20
            0x07, 0x00, 0x41, 0x01, 0x41, 0x00, 0x6e, 0x0b}); // 0x23: body 1: i32.div_u at 0x29
        assertEquals(134, weft("run", "--backtrace", wasm.toString(), "--invoke", "f"));
        assertEquals(List.of("weft: trap: integer divide by zero", "wasm backtrace:", "    0: 0x29 - func[1]",
                "    1: 0x20 - func[0]"), err.strip().lines().toList());
    }

    @Test
    void anUncaughtExceptionAndAnUnhandledSuspensionAreOneLineEach() throws Exception {
        Path wat = file("e.wat", """
                (module (tag $e (param i32)) (tag $yield)
                  (func (export "throw") (throw $e (i32.const 3)))
                  (func (export "suspend") (suspend $yield)))
                """);
        assertEquals(134, weft("run", wat.toString(), "--invoke", "throw"));
        assertTrue(err.startsWith("weft: uncaught exception"), err);
        assertEquals(1, err.strip().lines().count());
        assertEquals(134, weft("run", wat.toString(), "--invoke", "suspend"));
        assertEquals("weft: unhandled suspension: unhandled tag", err.strip());
    }

    @Test
    void aFileWithoutACommandIsRun() throws Exception {
        Path wat = file("d.wat", "(module (func (export \"two\") (result i32) (i32.const 2)))");
        assertEquals(0, weft(wat.toString(), "--invoke", "two"), err);
        assertEquals("2", out.strip());
        assertEquals(1, weft("nope.wasm"));
        assertEquals("weft: no such file: nope.wasm", err.strip());
    }

    @Test
    void helpNamesCommandsAndTheLauncherOnes() {
        assertEquals(0, weft("help"));
        for (String command : new String[] {"run", "wast", "wat2wasm", "serve", "help", "test", "bench", "fuzz"}) {
            assertTrue(out.contains("  " + command + " "), command + " missing in:\n" + out);
        }
        assertEquals(0, weft("help", "run"));
        assertTrue(out.startsWith("Usage: weft run"), out);
    }

    @Test
    void aMalformedModuleIsNamedAsSuch() throws Exception {
        Path bad = dir.resolve("bad.wasm");
        Files.write(bad, new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertEquals(1, weft("run", bad.toString()));
        assertTrue(err.startsWith("weft: " + bad + ": malformed module: unknown binary version"), err);
        assertEquals(1, err.strip().lines().count());
    }

    @Test
    void moduleErrorsNameTheFileLineFunctionAndExpectedType() throws Exception {
        Path text = file("bad.wat", "(module\n  (func (export \"f\") (result i32)\n    (i32.const 1) (i32.bogus)))\n");
        assertEquals(1, weft(text.toString()));
        assertEquals("weft: " + text + ":3:20: malformed module: unknown operator i32.bogus", err.strip());
        Path invalid = file("invalid.wat", """
                (module (func) (func (export "g") (result i32) (nop) (i64.const 1)))
                """);
        assertEquals(1, weft("wat2wasm", invalid.toString(), "-o", dir.resolve("x.wasm").toString()));
        assertEquals("weft: " + invalid + ": invalid module: type mismatch: instruction requires [i32] but stack"
                + " has [i64] (in function 1 \"g\", instruction 2)", err.strip());
        // the same module in the binary format, laid out by hand: the failing `end` of function 1 is byte 0x29
        Path invalidBinary = dir.resolve("invalid.wasm");
        Files.write(invalidBinary, new byte[] {
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // 0x00: magic, version
            0x01, 0x08, 0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f, // 0x08: types () -> (), () -> (i32)
            0x03, 0x03, 0x02, 0x00, 0x01, // 0x12: functions of types 0 and 1
            0x07, 0x05, 0x01, 0x01, 0x67, 0x00, 0x01, // 0x17: export "g" = function 1
            0x0a, 0x0a, 0x02, 0x02, 0x00, 0x0b, // 0x1e: code: 2 bodies; body 0 = end
            0x05, 0x00, 0x01, 0x42, 0x01, 0x0b}); // 0x24: body 1 = nop (0x26), i64.const 1 (0x27), end (0x29)
        assertEquals(1, weft(invalidBinary.toString()));
        assertEquals("weft: " + invalidBinary + ": invalid module: type mismatch: instruction requires [i32] but stack"
                + " has [i64] (in function 1 \"g\", instruction 2, at offset 0x29)", err.strip());
        Path unlinkable = file("imports.wat", "(module (import \"env\" \"g\" (func (param i32) (result i64))))");
        assertEquals(1, weft(unlinkable.toString()));
        assertEquals("weft: unlinkable module: unknown import: \"env\" \"g\", expected (func (param i32) (result i64))",
                err.strip());
        assertEquals(1, weft("run", dir.toString()));
        assertEquals("weft: cannot read " + dir + ": Is a directory", err.strip());
    }

    @Test
    void aMissingFileIsReportedWithoutAStackTrace() {
        assertEquals(1, weft("run", dir.resolve("nope.wasm").toString()));
        assertTrue(err.startsWith("weft: no such file: "), err);
        assertEquals(1, err.strip().lines().count());
    }

    @Test
    void aBadArgumentNamesItsPositionAndType() throws Exception {
        Path wat = file("a.wat", "(module (func (export \"id\") (param i64) (result i64) (local.get 0)))");
        assertEquals(1, weft("run", wat.toString(), "--invoke", "id", "12x"));
        assertEquals("weft: argument 1 (\"12x\") is not a valid i64", err.strip());
    }

    @Test
    void wat2wasmWritesABinaryThatRunsTheSame() throws Exception {
        Path wat = file("w.wat", "(module (func (export \"k\") (result f64) (f64.const 0x1.8p1)))");
        Path wasm = dir.resolve("w.wasm");
        assertEquals(0, weft("wat2wasm", wat.toString(), "-o", wasm.toString()));
        byte[] bytes = Files.readAllBytes(wasm);
        assertEquals(0, bytes[0]);
        assertEquals('a', bytes[1]);
        assertEquals(0, weft("run", wasm.toString(), "--invoke", "k"));
        assertEquals("3.0", out.strip());
    }

    @Test
    void wastReportsPerFileCountsAndATotalAndFailsOnAFailure() throws Exception {
        Path script = file("s.wast", """
                (module (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "one") (i32.const 1))
                (assert_return (invoke "one") (i32.const 2))
                (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
                """);
        assertEquals(1, weft("wast", script.toString()));
        String[] lines = out.strip().split("\n");
        assertEquals(script + ": 3 passed, 1 failed, 0 skipped", lines[0]);
        assertEquals("3 passed, 1 failed, 0 skipped", lines[lines.length - 1]);
    }

    @Test
    void knownFailuresCountAsSkipped() throws Exception {
        Path script = file("k.wast", """
                (module (func (export "one") (result i32) (i32.const 1)))
                (assert_return (invoke "one") (i32.const 2))
                """);
        Path known = file("known.txt", "k.wast:2 the test expects a wrong value on purpose\n");
        assertEquals(0, weft("wast", "--known-failures", known.toString(), script.toString()));
        assertTrue(out.strip().endsWith("1 passed, 0 failed, 1 skipped"), out);
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithExitCodeTwo() {
        assertEquals(2, weft("frobnicate"));
        assertTrue(err.startsWith("weft: "), err);
    }
}
