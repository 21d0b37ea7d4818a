package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.interpreter.binary.BinaryEncoder;
import dev.weft.interpreter.text.WatParser;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft run} on modules importing {@code wasi_snapshot_preview1}. */
class WasiRunTest {
    private static final String FD_WRITE =
            "(import \"wasi_snapshot_preview1\" \"fd_write\" (func $fd_write (param i32 i32 i32 i32) (result i32)))";
    private static final String PROC_EXIT =
            "(import \"wasi_snapshot_preview1\" \"proc_exit\" (func $proc_exit (param i32)))";

    /** Writes the NUL-terminated string at {@code argv[i]} (argv read to 64, strings to 1024). */
    private static final String PRINT_ARG = """
            (func $print_arg (param $i i32) (local $p i32) (local $n i32)
              (local.set $p (i32.load (i32.add (i32.const 64) (i32.shl (local.get $i) (i32.const 2)))))
              (block $done (loop $next
                (br_if $done (i32.eqz (i32.load8_u (i32.add (local.get $p) (local.get $n)))))
                (local.set $n (i32.add (local.get $n) (i32.const 1)))
                (br $next)))
              (i32.store (i32.const 0) (local.get $p))
              (i32.store (i32.const 4) (local.get $n))
              (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
            """;

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

    private Path wat(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), "(module " + body + ")");
    }

    @Test
    void helloPrintsToStdoutAndExitsWithZero() throws Exception {
        Path hello = wat("hello.wat", FD_WRITE + """
                (memory (export "memory") 1)
                (data (i32.const 16) "Hello, WASI!\\n")
                (func (export "_start")
                  (i32.store (i32.const 0) (i32.const 16))
                  (i32.store (i32.const 4) (i32.const 13))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
                """);
        assertEquals(0, weft("run", hello.toString()));
        assertEquals("Hello, WASI!\n", out);
        assertEquals("", err);
    }

    @Test
    void procExitCodeIsTheProcessExitCode() throws Exception {
        Path exit = wat("exit.wat", PROC_EXIT + """
                (memory (export "memory") 1)
                (func (export "_start") (call $proc_exit (i32.const 42)))
                """);
        assertEquals(42, weft("run", exit.toString()));
        assertEquals("", err);
    }

    @Test
    void programArgumentsFollowTheFileName() throws Exception {
        Path echo = wat("echo.wat", FD_WRITE + """
                (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
                (memory (export "memory") 1)
                """ + PRINT_ARG + """
                (func (export "_start")
                  (drop (call $args_get (i32.const 64) (i32.const 1024)))
                  (call $print_arg (i32.const 0))
                  (call $print_arg (i32.const 2)))
                """);
        assertEquals(0, weft("run", echo.toString(), "--", "first", "-second"));
        assertEquals(echo + "-second", out);
    }

    @Test
    void envVariablesAreOnlyThoseGiven() throws Exception {
        Path env = wat("env.wat", FD_WRITE + PROC_EXIT + """
                (import "wasi_snapshot_preview1" "environ_sizes_get" (func $sizes (param i32 i32) (result i32)))
                (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
                (memory (export "memory") 1)
                """ + PRINT_ARG + """
                (func (export "_start")
                  (drop (call $sizes (i32.const 32) (i32.const 36)))
                  (drop (call $environ_get (i32.const 64) (i32.const 1024)))
                  (if (i32.load (i32.const 32)) (then (call $print_arg (i32.const 0))))
                  (call $proc_exit (i32.load (i32.const 32))))
                """);
        assertEquals(0, weft("run", env.toString()));
        assertEquals("", out);
        assertEquals(1, weft("run", "--env", "GREETING=hi=there", env.toString()));
        assertEquals("GREETING=hi=there", out);
        // --env KEY passes this process's value (wasmtime's --env); a KEY the host lacks is left out
        String path = System.getenv("PATH");
        assertEquals(1, weft("run", "--env", "PATH", "--env", "WEFT_SURELY_UNSET_VARIABLE", env.toString()));
        assertEquals("PATH=" + path, out);
    }

    @Test
    void badEnvAndDirAreUsageErrorsEvenWithoutWasi() throws Exception {
        Path plain = wat("plain.wat", "(func (export \"_start\"))");
        assertEquals(2, weft("run", "--env", "=x", plain.toString()));
        assertTrue(err.startsWith("weft: --env expects KEY or KEY=VALUE"), err);
        assertEquals(2, weft("run", "--dir", dir.resolve("missing").toString(), plain.toString()));
        assertTrue(err.startsWith("weft: --dir ") && err.contains("no such directory"), err);
        assertEquals(0, weft("run", "--dir", dir.toString(), plain.toString()), err);
    }

    @Test
    void dirPreopensAHostDirectoryUnderAGuestName() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path prog = wat("prestat.wat", FD_WRITE + """
                (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
                (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))
                (memory (export "memory") 1)
                (func (export "_start")
                  (drop (call $prestat (i32.const 3) (i32.const 32)))
                  (drop (call $name (i32.const 3) (i32.const 100) (i32.load (i32.const 36))))
                  (i32.store (i32.const 0) (i32.const 100))
                  (i32.store (i32.const 4) (i32.load (i32.const 36)))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
                """);
        assertEquals(0, weft("run", "--dir", data + "::/sandbox", prog.toString()));
        assertEquals("/sandbox", out);
    }

    @Test
    void aMissingPreopenDirectoryIsAOneLineUsageError() throws Exception {
        Path exit = wat("exit.wat", PROC_EXIT + "(memory (export \"memory\") 1) (func (export \"_start\"))");
        assertEquals(2, weft("run", "--dir", dir.resolve("nope").toString(), exit.toString()));
        assertTrue(err.startsWith("weft: --dir " + dir.resolve("nope") + ": no such directory"), err);
        assertEquals(1, err.strip().lines().count());
    }

    @Test
    void aWasiModuleCanStillBeInvoked() throws Exception {
        Path m = wat("m.wat", FD_WRITE + """
                (memory (export "memory") 1)
                (data (i32.const 16) "side effect\\n")
                (func (export "twice") (param i32) (result i32)
                  (i32.store (i32.const 0) (i32.const 16))
                  (i32.store (i32.const 4) (i32.const 12))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
                  (i32.mul (local.get 0) (i32.const 2)))
                """);
        assertEquals(0, weft("run", m.toString(), "--invoke", "twice", "21"));
        assertEquals("side effect\n42\n", out);
    }

    @Test
    void aBinaryModuleCopiesStdinToStdout() throws Exception {
        Path text = wat("copy.wat", FD_WRITE + """
                (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
                (memory (export "memory") 1)
                (func (export "_start")
                  (i32.store (i32.const 0) (i32.const 100))
                  (i32.store (i32.const 4) (i32.const 64))
                  (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
                  (i32.store (i32.const 4) (i32.load (i32.const 8)))
                  (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
                """);
        Path wasm = dir.resolve("copy.wasm");
        Files.write(wasm, BinaryEncoder.encode(WatParser.parseModule(Files.readString(text))));
        InputStream oldIn = System.in;
        try {
            System.setIn(new ByteArrayInputStream("from stdin".getBytes(StandardCharsets.UTF_8)));
            assertEquals(0, weft("run", wasm.toString()));
        } finally {
            System.setIn(oldIn);
        }
        assertEquals("from stdin", out);
    }

    @Test
    void aTrapInAWasiCommandIsReportedAsATrap() throws Exception {
        Path trap = wat("trap.wat", PROC_EXIT + "(memory (export \"memory\") 1) (func (export \"_start\") unreachable)");
        assertEquals(134, weft("run", trap.toString()));
        assertEquals("weft: trap: unreachable", err.strip());
    }
}
