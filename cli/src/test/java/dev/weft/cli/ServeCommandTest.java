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
    void anUnknownBackendIsAOneLineError() {
        CliRun result = CliRun.of("serve", "--backend", "fast");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("weft: ") && result.err().contains("unknown backend"), result.err());
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
