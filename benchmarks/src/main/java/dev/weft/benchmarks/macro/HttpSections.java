package dev.weft.benchmarks.macro;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The http sections: throughput of each server at two connection counts (closed loop), and
 * latency percentiles there and at a fixed rate of half Weft-native's peak (constant-rate load,
 * corrected for coordinated omission). Every server serves the same page bytes; the load
 * generator is {@link HttpLoad}, in this JVM, and where {@code wrk} is installed also
 * {@link HttpWrk} (closed loop only: wrk has no constant-rate mode) in rows of their own.
 */
final class HttpSections {
    private static final double[] PERCENTILES = {50, 99, 99.9};

    /** The scale of one mode: seconds per load run, warm-up, connection counts, fixed-rate connections. */
    private record Scale(Duration run, Duration warmup, int[] connections, int rateConnections) {}

    private final Scale scale;
    private final List<Backend> backends;
    private final Path node;
    private final Path wrk = HttpWrk.find();
    private final Path scratch;
    private final PrintStream err;
    private final Section throughput = new Section("http", "(f) HTTP throughput: keep-alive GET / on loopback", "req/s", "");
    private final Section latency;
    private final Map<String, Double> peak = new LinkedHashMap<>();

    /**
     * @param node the Node binary, or {@code null} to leave Node out
     */
    HttpSections(Mode mode, List<Backend> backends, Path node, Path scratch, PrintStream err) {
        this.scale = switch (mode) {
            case QUICK -> new Scale(Duration.ofSeconds(1), Duration.ofMillis(500), new int[] {10, 50}, 10);
            case DEFAULT -> new Scale(Duration.ofSeconds(10), Duration.ofSeconds(3), new int[] {100, 1000}, 100);
            case FULL -> new Scale(Duration.ofSeconds(30), Duration.ofSeconds(5), new int[] {100, 1000}, 100);
        };
        this.backends = backends;
        this.node = node;
        this.scratch = scratch;
        this.err = err;
        String base = backends.contains(Backend.NATIVE) ? HttpPeers.weft(dev.weft.waeio.Backend.NATIVE) : "";
        this.latency = new Section("httplatency", "(g) HTTP latency percentiles", "ms", base);
    }

    /** Measures every server; returns the throughput and the latency section. */
    List<Section> measure() throws Exception {
        byte[] page;
        try (HttpPeers.Running probe = HttpPeers.weft(dev.weft.waeio.Backend.NATIVE, 16)) {
            page = HttpLoad.fetchPage(probe.address());
        }
        List<String> series = new ArrayList<>();
        for (Backend b : backends) {
            series.add(HttpPeers.weft(dev.weft.waeio.Backend.parse(b.id())));
        }
        series.add(HttpPeers.JDK);
        if (node != null) {
            series.add(HttpPeers.NODE);
        }
        for (String s : series) {
            closedLoop(s, page);
        }
        double rate = peak.getOrDefault(latency.baseline(), peak.values().stream().findFirst().orElse(100.0)) / 2;
        for (String s : series) {
            fixedRate(s, page, Math.max(1, rate));
        }
        notes(rate);
        return List.of(throughput, latency);
    }

    private HttpPeers.Running start(String series, byte[] page, int connections) throws Exception {
        return switch (series) {
            case HttpPeers.JDK -> HttpPeers.jdk(page);
            case HttpPeers.NODE -> HttpPeers.node(node, scratch, page);
            default -> HttpPeers.weft(dev.weft.waeio.Backend.parse(series.substring("weft-".length())), connections);
        };
    }

    private void closedLoop(String series, byte[] page) throws Exception {
        int most = scale.connections()[scale.connections().length - 1];
        try (HttpPeers.Running server = start(series, page, most)) {
            HttpLoad.closedLoop(server.address(), scale.connections()[0], scale.warmup());
            for (int c : scale.connections()) {
                String variant = c + " connections";
                HttpLoad.Result r = HttpLoad.closedLoop(server.address(), c, scale.run());
                err.printf("weft bench: http %s, %d connections: %.0f req/s, %d errors%n", series, c,
                        r.requestsPerSecond(), r.errors());
                peak.merge(series, r.requestsPerSecond(), Math::max);
                record(throughput, "GET /", variant, series, r, r.requestsPerSecond());
                for (double p : PERCENTILES) {
                    record(latency, "p" + format(p), variant + ", closed loop", series, r, r.percentileMillis(p));
                }
                if (wrk != null) {
                    wrkClosedLoop(series, server, c);
                }
            }
        }
    }

    /** The same closed loop from wrk: rows "N connections, wrk" (not counted for the peak rate). */
    private void wrkClosedLoop(String series, HttpPeers.Running server, int connections) throws Exception {
        HttpWrk.Result r = HttpWrk.closedLoop(wrk, server.address(), connections, scale.run(), PERCENTILES, scratch);
        err.printf("weft bench: http %s, %d connections, wrk: %.0f req/s, %d errors%n", series, connections,
                r.requestsPerSecond(), r.errors());
        String variant = connections + " connections, wrk";
        record(throughput, "GET /", variant, series, r, r.requestsPerSecond());
        for (double p : PERCENTILES) {
            record(latency, "p" + format(p), variant + ", closed loop", series, r, r.percentileMillis(p));
        }
    }

    private void fixedRate(String series, byte[] page, double rate) throws Exception {
        int c = scale.rateConnections();
        try (HttpPeers.Running server = start(series, page, c)) {
            HttpLoad.closedLoop(server.address(), c, scale.warmup());
            HttpLoad.Result r = HttpLoad.constantRate(server.address(), c, rate, scale.run());
            err.printf("weft bench: http %s, %.0f req/s fixed: p99 %.2f ms, %d errors%n", series, rate,
                    r.percentileMillis(99), r.errors());
            for (double p : PERCENTILES) {
                record(latency, "p" + format(p), String.format("%.0f req/s fixed, %d connections", rate, c), series, r,
                        r.percentileMillis(p));
            }
        }
    }

    /** A result with errors is reported as failed: the target is zero errors in every run. */
    private static void record(Section s, String subject, String variant, String series, LoadResult r, double value) {
        s.add(r.errors() == 0
                ? Measurement.ok(subject, variant, series, List.of(value))
                : Measurement.failed(subject, variant, series, r.errors() + " errors in " + r.requests() + " requests"));
    }

    private static String format(double p) {
        return p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p);
    }

    private void notes(double rate) {
        String common = "Load from this JVM (HttpLoad: one virtual thread per keep-alive connection, GET / then read "
                + "the response), " + scale.run().toSeconds() + " s per run after a " + scale.warmup().toMillis()
                + " ms warm-up, on loopback. Weft's servers and the JDK server run in this JVM too (sharing its "
                + "cores with the load), Node in its own process. Every server sends the same page bytes. A run "
                + "with any error or dropped connection is shown as failed.";
        common += wrk != null
                ? " Rows marked wrk: the same closed loop from wrk (" + wrk + ", its own process, one thread per"
                        + " core, whole seconds per run), for a load generator that is not Java."
                : " wrk is not installed (guests/install-toolchain.sh installs it): no wrk rows.";
        throughput.note(common + " One run per cell (higher is better; no ratios).");
        latency.note(common + " Closed-loop rows time each request from its send; fixed-rate rows ("
                + String.format("%.0f", rate) + " req/s, half of " + (latency.baseline().isEmpty() ? "the first server"
                : latency.baseline()) + "'s peak) time it from when it was due, so stalls count "
                + "(coordinated omission corrected, as wrk2 does). Percentiles from HdrHistogram.");
    }
}
