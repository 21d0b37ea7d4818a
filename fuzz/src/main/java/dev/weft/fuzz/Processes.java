package dev.weft.fuzz;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (wasm-opt, node) with a time bound and returns its standard output. */
final class Processes {
    private Processes() {}

    /** The tool's output; IOException when it fails, times out or exits non-zero. */
    static String run(List<String> command, long seconds) throws IOException {
        Path out = Files.createTempFile("weft-fuzz", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            boolean done;
            try {
                done = p.waitFor(seconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException("timed out after " + seconds + " s: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", command));
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
