package dev.weft.wast;

import java.io.IOException;
import java.nio.file.Path;
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
        return new KnownFailures(ReasonFile.read(file, " ", key -> key.matches(".+\\.wast:\\d+"), "file.wast:LINE reason"));
    }

    /** The reason the command at {@code file}:{@code line} is expected to fail, or null. */
    public String reason(String file, int line) {
        return reasons.get(file + ":" + line);
    }

    public int size() {
        return reasons.size();
    }
}
