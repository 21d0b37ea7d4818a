package dev.weft.benchmarks.macro;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * An HTTP/1.1 load generator on keep-alive connections, one virtual thread per connection, each
 * sending {@code GET /} and reading the response before the next. Closed loop: as fast as the
 * server answers. Constant rate: each connection sends on a fixed schedule and a request's
 * latency is measured from when it was due, not when it was sent, so a stalled server is charged
 * for the requests it held up (the coordinated-omission correction of wrk2).
 */
final class HttpLoad {
    private static final byte[] REQUEST = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** What one load run saw: responses, errors (failed requests, dropped connections), latencies in ns. */
    record Result(long requests, long errors, Histogram latency, double seconds) implements LoadResult {
        @Override
        public double percentileMillis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private HttpLoad() {}

    /** Closed loop: {@code connections} clients, each as fast as answers come, for {@code duration}. */
    static Result closedLoop(InetSocketAddress server, int connections, Duration duration) throws InterruptedException {
        return run(server, connections, duration, 0);
    }

    /** Constant rate: {@code rate} requests per second in total, spread over {@code connections}. */
    static Result constantRate(InetSocketAddress server, int connections, double rate, Duration duration)
            throws InterruptedException {
        return run(server, connections, duration, rate);
    }

    private static Result run(InetSocketAddress server, int connections, Duration duration, double rate)
            throws InterruptedException {
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = rate > 0 ? (long) (1e9 * connections / rate) : 0;
        for (int c = 0; c < connections; c++) {
            Histogram h = new Histogram(MAX_LATENCY_NANOS, 3);
            histograms.add(h);
            long first = start + (interval > 0 ? interval * c / connections : 0);
            threads.add(Thread.ofVirtual().start(() -> client(server, first, interval, end, h, requests, errors)));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(MAX_LATENCY_NANOS, 3);
        histograms.forEach(all::add);
        return new Result(requests.get(), errors.get(), all, seconds);
    }

    /** One connection's loop; a failure counts an error and reconnects. */
    private static void client(InetSocketAddress server, long first, long interval, long end, Histogram h,
            AtomicLong requests, AtomicLong errors) {
        long due = first;
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(server, 10_000);
                s.setTcpNoDelay(true);
                s.setSoTimeout(30_000);
                OutputStream out = s.getOutputStream();
                InputStream in = new BufferedInputStream(s.getInputStream());
                while (true) {
                    if (interval > 0) {
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    }
                    long sent = System.nanoTime();
                    if (sent >= end) {
                        return;
                    }
                    out.write(REQUEST);
                    if (readResponse(in) != 200) {
                        errors.incrementAndGet();
                    }
                    long done = System.nanoTime();
                    h.recordValue(Math.min(MAX_LATENCY_NANOS, done - (interval > 0 ? due : sent)));
                    requests.incrementAndGet();
                    due += interval;
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                due += interval;
            }
        }
    }

    /** Reads one response framed by Content-Length and returns its status. */
    static int readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!endsWithBlankLine(head)) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return Integer.parseInt(head.substring(9, 12));
    }

    private static boolean endsWithBlankLine(StringBuilder b) {
        int n = b.length();
        return n >= 4 && b.charAt(n - 4) == '\r' && b.charAt(n - 3) == '\n' && b.charAt(n - 2) == '\r'
                && b.charAt(n - 1) == '\n';
    }

    /** The body of {@code GET /} from {@code server} (to serve the same bytes elsewhere). */
    static byte[] fetchPage(InetSocketAddress server) throws IOException {
        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            return all.substring(all.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
