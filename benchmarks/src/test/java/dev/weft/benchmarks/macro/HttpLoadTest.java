package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The http section's load generator against the JDK peer and Weft's bundled server, briefly. */
@Timeout(60)
class HttpLoadTest {
    private static final byte[] PAGE = "<p>same bytes</p>".getBytes(StandardCharsets.UTF_8);

    @Test
    void closedLoopAndConstantRateCountResponsesWithoutErrors() throws Exception {
        try (HttpPeers.Running jdk = HttpPeers.jdk(PAGE)) {
            assertArrayEquals(PAGE, HttpLoad.fetchPage(jdk.address()));
            HttpLoad.Result closed = HttpLoad.closedLoop(jdk.address(), 4, Duration.ofMillis(300));
            assertEquals(0, closed.errors());
            assertTrue(closed.requests() > 0);
            assertEquals(closed.requests(), closed.latency().getTotalCount());
            HttpLoad.Result fixed = HttpLoad.constantRate(jdk.address(), 2, 100, Duration.ofMillis(300));
            assertEquals(0, fixed.errors());
            // 100 req/s for 0.3 s on a schedule: at most the 30 (+ one per connection) that were due
            assertTrue(fixed.requests() > 0 && fixed.requests() <= 32, "requests " + fixed.requests());
        }
    }

    @Test
    void weftServesTheSamePageUnderLoad() throws Exception {
        try (HttpPeers.Running weft = HttpPeers.weft(dev.weft.waeio.Backend.NATIVE, 8)) {
            assertTrue(new String(HttpLoad.fetchPage(weft.address()), StandardCharsets.UTF_8).contains("Hello from Weft"));
            HttpLoad.Result r = HttpLoad.closedLoop(weft.address(), 8, Duration.ofMillis(300));
            assertEquals(0, r.errors());
            assertTrue(r.requests() > 0);
        }
    }

    @Test
    void responsesAreFramedByContentLength() throws IOException {
        byte[] two = ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
                + "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(two);
        assertEquals(200, HttpLoad.readResponse(in));
        assertEquals(404, HttpLoad.readResponse(in));
        assertEquals(0, in.available());
    }
}
