package dev.weft.waeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Everything a client may get wrong gets an answer (or a clean close), and the server keeps
 * serving: each case is followed by a good request on a fresh connection, and where HTTP lets
 * the connection survive, on the same one. One server with small limits for all cases, per
 * fiber backend ({@code BadInput<Backend>Test}).
 */
@Timeout(60)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BadInputCases {
    /** The server's connection limit: more than any other case here holds at once. */
    private static final int LIMIT = 8;

    private WaeioServer server;

    /** The fiber backend of the server under test. */
    abstract Backend backend();

    @BeforeAll
    void start() throws Exception {
        server = WaeioServer.builder().backend(backend()).listen("127.0.0.1", 0)
                .args("conns=" + LIMIT, "header_ms=400", "idle_ms=600", "body=1024").start();
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** Sends {@code request} on a fresh connection and returns the response. */
    private RawHttp.Response answer(String request, boolean expectClose) throws Exception {
        try (RawHttp c = new RawHttp(server)) {
            RawHttp.Response r = c.send(request).read();
            if (expectClose) {
                assertTrue(r.closes(), r.headers());
                assertTrue(c.closedByServer(), "connection left open after " + r.status());
            } else {
                assertEquals(200, c.send(RawHttp.get("/")).read().status(), "connection unusable after " + r.status());
            }
            return r;
        } finally {
            stillServing();
        }
    }

    /**
     * A connection that got a 200, so it holds one of the server's slots. Connections that earlier
     * tests closed free their slots asynchronously, so a 503 is retried for a while.
     */
    private RawHttp served() throws Exception {
        for (int attempt = 0; ; attempt++) {
            RawHttp c = new RawHttp(server);
            RawHttp.Response r = c.send(RawHttp.get("/")).read();
            if (r.status() == 200) {
                return c;
            }
            c.close();
            assertTrue(r.status() == 503 && attempt < 50, "status " + r.status());
            Thread.sleep(100);
        }
    }

    private void stillServing() throws Exception {
        served().close();
    }

    @Test
    void malformedRequestLinesAndHeadersAre400() throws Exception {
        assertEquals(400, answer("GET\r\n\r\n", true).status());
        assertEquals(400, answer("GET / HTTP/9.9\r\n\r\n", true).status());
        assertEquals(400, answer("GET  / HTTP/1.1\r\n\r\n", true).status());
        assertEquals(400, answer("GET / HTTP/1.1\r\nno colon here\r\n\r\n", true).status());
        assertEquals(400, answer("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", true).status());
        assertEquals(400, answer("POST /echo HTTP/1.1\r\nContent-Length: 12x\r\n\r\n", true).status());
        assertEquals(400, answer("POST /echo HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", true).status());
        assertEquals(400, answer("\u0001\u0002\u0003\r\n\r\n", true).status());
    }

    @Test
    void aHeaderBlockOver8KiBIs431() throws Exception {
        String big = "GET / HTTP/1.1\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n";
        assertEquals(431, answer(big, true).status());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        assertEquals(413, answer("POST /echo HTTP/1.1\r\nContent-Length: 2000\r\n\r\n", true).status());
    }

    @Test
    void unsupportedMethodsAre405Or501() throws Exception {
        RawHttp.Response notAllowed = answer("DELETE / HTTP/1.1\r\nHost: t\r\n\r\n", false);
        assertEquals(405, notAllowed.status());
        assertTrue(notAllowed.headers().contains("Allow: GET, HEAD"), notAllowed.headers());
        assertEquals(405, answer("GET /echo HTTP/1.1\r\n\r\n", false).status());
        assertEquals(501, answer("BREW / HTTP/1.1\r\n\r\n", true).status());
        assertEquals(501, answer("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", true).status());
    }

    @Test
    void unknownPathsAre404AndTheConnectionSurvives() throws Exception {
        assertEquals(404, answer(RawHttp.get("/nowhere"), false).status());
    }

    @Test
    void aSlowHeaderIsCutAfterTheHeaderTimeout() throws Exception {
        try (RawHttp c = new RawHttp(server)) {
            c.send("GET / HTTP/1.1\r\n");
            for (int i = 0; i < 6; i++) { // a byte every 100 ms never completes within 400 ms
                Thread.sleep(100);
                try {
                    c.send("X");
                } catch (java.io.IOException closed) {
                    break;
                }
            }
            RawHttp.Response r = c.read();
            assertEquals(408, r.status());
            assertTrue(c.closedByServer());
        }
        stillServing();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawHttp c = new RawHttp(server)) {
            assertEquals(200, c.send(RawHttp.get("/")).read().status());
            assertTrue(c.closedByServer()); // blocks until the server closes, after idle_ms
        }
    }

    @Test
    void connectionsOverTheLimitAreRefusedWith503() throws Exception {
        List<RawHttp> full = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                full.add(served());
            }
            try (RawHttp extra = new RawHttp(server)) {
                RawHttp.Response r = extra.read();
                assertEquals(503, r.status());
                assertTrue(extra.closedByServer());
            }
        } finally {
            for (RawHttp c : full) {
                c.close();
            }
        }
        stillServing();
    }
}
