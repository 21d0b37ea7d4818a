package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The wrk runner: its output parsed, and wrk loading Weft's bundled server (skipped without wrk). */
@Timeout(60)
class HttpWrkTest {
    private static final double[] PERCENTILES = {50, 99, 99.9};

    @Test
    void theDoneHooksLinesAreReadAndWrksOwnReportIgnored() throws IOException {
        HttpWrk.Result r = HttpWrk.parse("""
                Running 1s test @ http://127.0.0.1:1/
                  332 requests in 1.02s, 1.10MB read
                Requests/sec:    326.26
                wrk-summary 332 1017587 1152860
                wrk-errors 3
                wrk-latency 50 4424
                wrk-latency 99 83833
                wrk-latency 99.9 102223
                """);
        assertEquals(332, r.requests());
        assertEquals(3, r.errors());
        assertEquals(1152860, r.bytes());
        assertEquals(1.017587, r.seconds(), 1e-9);
        assertEquals(4.424, r.percentileMillis(50), 1e-9);
        assertEquals(102.223, r.percentileMillis(99.9), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> r.percentileMillis(90));
    }

    @Test
    void outputWithoutTheSummaryIsAnError() {
        assertThrows(IOException.class, () -> HttpWrk.parse("unable to connect to 127.0.0.1:1 Connection refused\n"));
    }

    @Test
    void wrkLoadsWeftsServerAndReadsWholeResponsesWithoutErrors() throws Exception {
        Path wrk = HttpWrk.find();
        assumeTrue(wrk != null, "wrk is not on the PATH (guests/install-toolchain.sh installs Debian's wrk)");
        Path scratch = Files.createTempDirectory("wrk-test");
        try (HttpPeers.Running weft = HttpPeers.weft(dev.weft.waeio.Backend.NATIVE, 16)) {
            int size = responseSize(weft.address());
            int connections = 4;
            HttpWrk.Result r = HttpWrk.closedLoop(wrk, weft.address(), connections, Duration.ofSeconds(1),
                    PERCENTILES, scratch);
            assertEquals(0, r.errors());
            assertTrue(r.requests() > 0);
            // every response wrk counted is the server's whole response (a run may end mid-response)
            assertTrue(r.bytes() >= r.requests() * size && r.bytes() < (r.requests() + connections) * size,
                    r.bytes() + " bytes for " + r.requests() + " responses of " + size);
            assertTrue(r.percentileMillis(50) <= r.percentileMillis(99)
                    && r.percentileMillis(99) <= r.percentileMillis(99.9));
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /** The bytes of one keep-alive response to GET / (headers and body). */
    private static int responseSize(InetSocketAddress server) throws IOException {
        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                head.write(in.read());
            }
            int length = 0;
            for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            return head.size() + length;
        }
    }
}
