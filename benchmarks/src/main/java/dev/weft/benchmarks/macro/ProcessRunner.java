package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one command to completion and says how it went. */
@FunctionalInterface
public interface ProcessRunner {
    /**
     * What a finished (or killed) process left behind.
     *
     * @param exitCode the exit code (-1 when killed at the timeout)
     * @param stdout   everything it printed on stdout
     * @param stderr   everything it printed on stderr
     * @param nanos    wall time from start to exit
     * @param timedOut whether it was killed at the timeout
     */
    record Outcome(int exitCode, String stdout, String stderr, long nanos, boolean timedOut) {
        public double seconds() {
            return nanos / 1e9;
        }
    }

    Outcome run(List<String> command, Duration timeout) throws IOException, InterruptedException;

    /**
     * Real processes, their output captured in files under {@code scratch} (no reader threads
     * compete with the run); a process still running at the timeout is killed with its children.
     */
    static ProcessRunner system(Path scratch) {
        return (command, timeout) -> {
            Files.createDirectories(scratch);
            Path out = scratch.resolve("stdout.txt");
            Path err = scratch.resolve("stderr.txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            long start = System.nanoTime();
            Process p = pb.start();
            boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long nanos = System.nanoTime() - start;
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor();
            }
            return new Outcome(finished ? p.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    nanos, !finished);
        };
    }
}
