package dev.weft.waeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The bundled HTTP server guest behind {@link WaeioServer}: routes, keep-alive, pipelining, /quit. */
@Timeout(60)
class WaeioServerTest {
    private WaeioServer server;

    private WaeioServer start(Backend backend, String... args) throws Exception {
        server = WaeioServer.builder().backend(backend).listen("127.0.0.1", 0).args(args).start();
        return server;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void everyBackendServesThePageAndQuitsWithExitCodeZero(Backend backend) throws Exception {
        start(backend);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(server.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Hello from Weft"), page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        HttpResponse<String> echo = client.send(HttpRequest.newBuilder(server.uri().resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("a body")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("a body", echo.body());
        HttpResponse<String> quit = client.send(HttpRequest.newBuilder(server.uri().resolve("/quit")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, quit.statusCode());
        assertEquals(0, server.awaitTermination(Duration.ofSeconds(20)));
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp c = new RawHttp(server)) {
            for (int i = 0; i < 5; i++) {
                RawHttp.Response r = c.send(RawHttp.get(i % 2 == 0 ? "/" : "/missing")).read();
                assertEquals(i % 2 == 0 ? 200 : 404, r.status());
                assertTrue(!r.closes(), r.headers());
            }
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp c = new RawHttp(server)) {
            c.send(RawHttp.get("/a") + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nfirst"
                    + RawHttp.get("/") + "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 6\r\n\r\nsecond"
                    + "HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
            assertEquals(404, c.read().status());
            assertEquals("first", c.read().body());
            assertEquals(200, c.read().status());
            assertEquals("second", c.read().body());
            RawHttp.Response head = c.read(true);
            assertEquals(200, head.status());
            assertTrue(head.headers().contains("Content-Length: 188"), head.headers());
            assertEquals(404, c.send(RawHttp.get("/after-head")).read().status()); // nothing stray followed
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBodyLargerThanTheRequestBufferIsEchoedWholeAndTheNextRequestFollows(Backend backend) throws Exception {
        start(backend);
        String body = "0123456789abcdef".repeat(1_500); // 24,000 bytes: the 8 KiB buffer grows while reading it
        try (RawHttp c = new RawHttp(server)) {
            c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                    + RawHttp.get("/missing"));
            assertEquals(body, c.read().body());
            assertEquals(404, c.read().status());
        }
    }

    @Test
    void aRequestArrivingInPiecesIsAnsweredOnceWhole() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp c = new RawHttp(server)) {
            for (String piece : new String[] {"GE", "T /missing HTTP/1.", "1\r\nHost: t\r", "\n", "\r", "\n"}) {
                c.send(piece);
                Thread.sleep(20); // each piece its own receive, most of the time
            }
            assertEquals(404, c.read().status());
            assertEquals(200, c.send(RawHttp.get("/")).read().status()); // nothing left over from the pieces
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp c = new RawHttp(server)) {
            RawHttp.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status());
            assertTrue(r.closes());
            assertTrue(c.closedByServer());
        }
        try (RawHttp c = new RawHttp(server)) {
            c.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
            assertTrue(c.read().closes());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void quitFinishesResponsesInFlightAndClosesIdleConnections() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp idle = new RawHttp(server); RawHttp quitter = new RawHttp(server)) {
            assertEquals(200, idle.send(RawHttp.get("/")).read().status());
            RawHttp.Response bye = quitter.send(RawHttp.get("/quit")).read();
            assertEquals("bye\n", bye.body());
            assertTrue(idle.closedByServer());
            Integer code = server.awaitTermination(Duration.ofSeconds(20));
            assertNotNull(code, "the server did not stop after /quit");
            assertEquals(0, code);
        }
    }

    @Test
    void stopEndsTheServerCleanly() throws Exception {
        start(Backend.NATIVE);
        try (RawHttp c = new RawHttp(server)) {
            assertEquals(200, c.send(RawHttp.get("/")).read().status());
            server.stop();
            assertEquals(0, server.awaitTermination(Duration.ofSeconds(20)));
            assertTrue(c.closedByServer());
        }
        assertTrue(!server.isRunning());
    }
}
