package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The closed-loop load of {@code wrk} (Debian's package, installed by
 * {@code guests/install-toolchain.sh}) beside the Java {@link HttpLoad}: wrk runs in its own
 * process, keep-alive {@code GET /} on every connection, as fast as answers come. A Lua
 * {@code done} hook prints the summary, the error counts and the latency percentiles in lines
 * {@link #parse} reads, so nothing depends on wrk's human-readable report.
 */
final class HttpWrk {
    /** The {@code done} hook; %s is the list of percentiles. */
    private static final String SCRIPT = """
            done = function(summary, latency, requests)
              io.write(string.format("wrk-summary %%d %%d %%d\\n", summary.requests, summary.duration, summary.bytes))
              local e = summary.errors
              io.write(string.format("wrk-errors %%d\\n", e.connect + e.read + e.write + e.status + e.timeout))
              for _, p in ipairs({%s}) do
                io.write(string.format("wrk-latency %%g %%d\\n", p, latency:percentile(p)))
              end
            end
            """;

    /** One wrk run: responses, errors, bytes read, seconds, and latency by percentile in µs. */
    record Result(long requests, long errors, long bytes, double seconds, Map<Double, Long> latencyMicros)
            implements LoadResult {
        @Override
        public double percentileMillis(double percentile) {
            Long us = latencyMicros.get(percentile);
            if (us == null) {
                throw new IllegalArgumentException("wrk reported no p" + percentile + " (only " + latencyMicros.keySet() + ")");
            }
            return us / 1e3;
        }
    }

    private HttpWrk() {}

    /** The {@code wrk} executable on the PATH, or {@code null} if there is none. */
    static Path find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "wrk");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Runs {@code wrk} against {@code server} with {@code connections} connections for
     * {@code duration} (whole seconds, at least 1; wrk has no finer unit), reporting latency
     * at {@code percentiles}.
     *
     * @throws IOException wrk failed or printed no summary
     */
    static Result closedLoop(Path wrk, InetSocketAddress server, int connections, Duration duration,
            double[] percentiles, Path scratch) throws IOException, InterruptedException {
        Path script = Files.createTempFile(Files.createDirectories(scratch), "wrk-", ".lua");
        try {
            StringBuilder list = new StringBuilder();
            for (double pc : percentiles) {
                list.append(list.isEmpty() ? "" : ", ").append(pc);
            }
            Files.writeString(script, SCRIPT.formatted(list));
            long seconds = Math.max(1, duration.toSeconds());
            int threads = Math.max(1, Math.min(connections, Runtime.getRuntime().availableProcessors()));
            String host = server.getAddress().getHostAddress();
            List<String> cmd = new ArrayList<>(List.of(wrk.toString(), "-t" + threads, "-c" + connections,
                    "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
                    "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort() + "/"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("wrk did not finish");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("wrk exited with " + p.exitValue() + ": " + text.strip());
            }
            return parse(text);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Reads the lines the {@code done} hook printed (other output is ignored). */
    static Result parse(String output) throws IOException {
        long requests = -1;
        long durationMicros = 0;
        long bytes = 0;
        long errors = -1;
        Map<Double, Long> latency = new TreeMap<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            switch (f[0]) {
                case "wrk-summary" -> {
                    requests = Long.parseLong(f[1]);
                    durationMicros = Long.parseLong(f[2]);
                    bytes = Long.parseLong(f[3]);
                }
                case "wrk-errors" -> errors = Long.parseLong(f[1]);
                case "wrk-latency" -> latency.put(Double.parseDouble(f[1]), Long.parseLong(f[2]));
                default -> { } // wrk's own report
            }
        }
        if (requests < 0 || errors < 0 || durationMicros <= 0) {
            throw new IOException("wrk printed no summary: " + output.strip());
        }
        return new Result(requests, errors, bytes, durationMicros / 1e6, latency);
    }
}
