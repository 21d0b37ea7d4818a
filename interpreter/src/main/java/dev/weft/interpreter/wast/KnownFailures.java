package dev.weft.interpreter.wast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The commands expected to fail, each with its reason. File format, one per line:
 * {@code path/in/suite.wast:LINE reason}; blank lines and lines starting with {@code #} are
 * ignored. The conformance test treats a listed failure as skipped and fails when a listed
 * command passes, so the list only ever shrinks.
 */
public final class KnownFailures {
    private final Map<String, String> reasons;

    private KnownFailures(Map<String, String> reasons) {
        this.reasons = reasons;
    }

    public static KnownFailures none() {
        return new KnownFailures(Map.of());
    }

    public static KnownFailures read(Path file) throws IOException {
        Map<String, String> reasons = new HashMap<>();
        int n = 0;
        for (String raw : Files.readAllLines(file)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space < 0 || !line.substring(0, space).matches(".+\\.wast:\\d+")) {
                throw new IOException(file + ":" + n + ": expected 'file.wast:LINE reason', got: " + raw);
            }
            reasons.put(line.substring(0, space), line.substring(space + 1).strip());
        }
        return new KnownFailures(reasons);
    }

    /** The reason the command at {@code file}:{@code line} is expected to fail, or null. */
    public String reason(String file, int line) {
        return reasons.get(file + ":" + line);
    }

    public int size() {
        return reasons.size();
    }
}
