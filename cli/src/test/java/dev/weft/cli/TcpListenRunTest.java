package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code weft run --tcplisten} and {@code -S tcplisten=}: the program accepts on fd 3. */
@Timeout(30)
class TcpListenRunTest {
    /** Accepts one connection on fd 3, echoes one read back, closes, exits with the byte count. */
    private static final String ECHO_ONCE = """
            (module
              (import "wasi_snapshot_preview1" "sock_accept" (func $accept (param i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "sock_recv" (func $recv (param i32 i32 i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "sock_send" (func $send (param i32 i32 i32 i32 i32) (result i32)))
              (import "wasi_snapshot_preview1" "fd_close" (func $close (param i32) (result i32)))
              (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
              (memory (export "memory") 1)
              (func (export "_start") (local $fd i32)
                (if (call $accept (i32.const 3) (i32.const 0) (i32.const 0)) (then (call $exit (i32.const 100))))
                (local.set $fd (i32.load (i32.const 0)))
                (i32.store (i32.const 8) (i32.const 100))
                (i32.store (i32.const 12) (i32.const 64))
                (drop (call $recv (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 0) (i32.const 16) (i32.const 20)))
                (i32.store (i32.const 12) (i32.load (i32.const 16)))
                (drop (call $send (local.get $fd) (i32.const 8) (i32.const 1) (i32.const 0) (i32.const 24)))
                (drop (call $close (local.get $fd)))
                (call $exit (i32.load (i32.const 16)))))
            """;

    @TempDir
    Path dir;

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String echoThrough(String... options) throws Exception {
        Path wat = Files.writeString(dir.resolve("echo.wat"), ECHO_ONCE);
        int port = freePort();
        String[] args = new String[options.length + 2];
        args[0] = "run";
        for (int i = 0; i < options.length; i++) {
            args[i + 1] = options[i].replace("PORT", Integer.toString(port));
        }
        args[args.length - 1] = wat.toString();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of(args));
        try (Socket s = connect(port)) {
            s.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            String echoed = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            CliRun result = run.get(20, TimeUnit.SECONDS);
            assertEquals(5, result.exitCode(), result.err());
            return echoed;
        }
    }

    /** Connects once the command has bound the port (it binds before the program starts). */
    private static Socket connect(int port) throws Exception {
        for (int i = 0; ; i++) {
            try {
                Socket s = new Socket("127.0.0.1", port);
                s.setSoTimeout(10_000);
                return s;
            } catch (IOException e) {
                if (i > 200) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void tcplistenGrantsTheSocketAsFdThree() throws Exception {
        assertEquals("hello", echoThrough("--tcplisten", "127.0.0.1:PORT"));
    }

    @Test
    void wasmtimeSpellingWorksToo() throws Exception {
        assertEquals("hello", echoThrough("-S", "tcplisten=127.0.0.1:PORT"));
    }

    @Test
    void badAddressesAndOptionsAreOneLineErrors() throws Exception {
        Path wat = Files.writeString(dir.resolve("echo.wat"), ECHO_ONCE);
        CliRun bad = CliRun.of("run", "--tcplisten", "nonsense", wat.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().startsWith("weft: ") && bad.err().contains("HOST:PORT"), bad.err());
        CliRun unknown = CliRun.of("run", "-S", "inherit-network=y", wat.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("unsupported -S option"), unknown.err());
    }
}
