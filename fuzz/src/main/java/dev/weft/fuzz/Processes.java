package dev.weft.fuzz;

import java.io.IOException;
import java.io.InputStream;
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
            if (!waitFor(p, seconds)) {
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

    /** Whether {@code p} ended within {@code seconds}; if not, it is killed. */
    static boolean waitFor(Process p, long seconds) {
        boolean done;
        try {
            done = p.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            p.destroyForcibly();
        }
        return done;
    }

    /**
     * The resource {@code name} of this package (a script for Node) copied to a temporary file
     * that is deleted when the JVM exits.
     */
    static Path scriptFile(String name) throws IOException {
        int dot = name.lastIndexOf('.');
        Path file = Files.createTempFile("weft-" + name.substring(0, dot), name.substring(dot));
        file.toFile().deleteOnExit();
        try (InputStream in = Processes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            Files.write(file, in.readAllBytes());
        }
        return file;
    }
}
