package dev.weft.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code weft serve}: serves the bundled server, prints the URL, exits 0 after GET /quit. */
@Timeout(60)
class ServeCommandTest {
    @Test
    void servesThePageAndStopsOnQuit() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.of("serve", "--port", Integer.toString(port), "--backend", "asyncify"));
        assertTrue(get(port, "/").startsWith("HTTP/1.1 200 OK"));
        assertTrue(get(port, "/quit").contains("bye"));
        CliRun result = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("http://127.0.0.1:" + port + "/"), result.out());
    }

    @Test
    void anUnknownBackendIsAOneLineUsageError() {
        CliRun result = CliRun.of("serve", "--backend", "fast");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("weft: ") && result.err().contains("unknown backend"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void aPortOutOfRangeIsAOneLineUsageError() {
        CliRun result = CliRun.of("serve", "--port", "99999");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--port must be 0..65535") && result.err().contains("99999"), result.err());
        assertEquals(1, result.err().strip().lines().count(), result.err());
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun result = CliRun.of("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertEquals(1, result.exitCode());
            assertTrue(result.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), result.err());
            assertEquals(1, result.err().strip().lines().count(), result.err());
        }
    }

    /** Arguments after {@code --} go to the bundled server unless the first names a module. */
    @Test
    void argumentsOfTheBundledServerAreNotTakenForAModule() throws Exception {
        int port = freePort();
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(
                () -> CliRun.of("serve", "--port", Integer.toString(port), "--", "conns=1", "idle_ms=5000"));
        assertTrue(get(port, "/").startsWith("HTTP/1.1 200 OK"));
        try (Socket first = new Socket("127.0.0.1", port)) {
            // conns=1: while the first connection is open, the server answers the next one 503
            assertTrue(get(port, "/").startsWith("HTTP/1.1 503"));
        }
        for (int i = 0; !get(port, "/quit").contains("bye"); i++) {
            assertTrue(i < 100, "GET /quit never answered once the first connection closed");
            Thread.sleep(50);
        }
        CliRun result = run.get(30, TimeUnit.SECONDS);
        assertEquals(0, result.exitCode(), result.err());
    }

    @Test
    void aMissingModuleIsNamed() {
        CliRun result = CliRun.of("serve", "--port", "0", "missing-server.wasm");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("no such file: missing-server.wasm"), result.err());
    }

    @Test
    void theFirstArgumentIsAModuleOnlyWhenItLooksLikeOne() {
        assertTrue(ServeCommand.namesModule("server.wasm"));
        assertTrue(ServeCommand.namesModule("server.wat"));
        assertTrue(!ServeCommand.namesModule("conns=4096"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The whole response to {@code GET path} with Connection: close, once the server is up. */
    private static String get(int port, String path) throws Exception {
        for (int i = 0; ; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(20_000);
                s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                if (i > 200) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
