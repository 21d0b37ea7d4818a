package dev.weft.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where findings go: one directory per finding under the findings directory, named after the
 * fuzzer, the seed and the case, holding the input (a module, its text or the program) and a
 * {@code finding.txt} that says what went wrong and how to replay it. With no directory, findings
 * are only counted and printed.
 */
public final class Findings {
    private final Path dir;
    private int count;

    public Findings(Path dir) {
        this.dir = dir;
    }

    /** Records finding {@code name} with {@code files} (file name to content: byte[] or String). */
    public synchronized void record(String name, String description, Map<String, Object> files) {
        count++;
        System.out.println("FINDING " + name + ": " + firstLine(description));
        if (dir == null) {
            return;
        }
        try {
            Path d = Files.createDirectories(dir.resolve(name));
            Files.writeString(d.resolve("finding.txt"), description + "\n", StandardCharsets.UTF_8);
            for (Map.Entry<String, Object> f : files.entrySet()) {
                if (f.getValue() instanceof byte[] b) {
                    Files.write(d.resolve(f.getKey()), b);
                } else if (f.getValue() instanceof List<?> lines) {
                    Files.write(d.resolve(f.getKey()), lines.stream().map(String::valueOf).toList(), StandardCharsets.UTF_8);
                } else {
                    Files.writeString(d.resolve(f.getKey()), String.valueOf(f.getValue()), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized int count() {
        return count;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
