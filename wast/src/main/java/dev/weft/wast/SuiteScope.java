package dev.weft.wast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which files of the conformance suite are in scope. File format: one exclusion per line,
 * {@code path -- reason}, where a path ending in {@code /} excludes a directory; {@code #}
 * starts a comment. Everything else ending in {@code .wast} is in scope.
 */
public final class SuiteScope {
    private final Map<String, String> excluded;

    private SuiteScope(Map<String, String> excluded) {
        this.excluded = excluded;
    }

    public static SuiteScope read(Path file) throws IOException {
        return new SuiteScope(ReasonFile.read(file, " -- ", key -> !key.isEmpty(), "path -- reason"));
    }

    /** Why {@code relative} (a path inside the suite, with '/') is out of scope, or null. */
    public String exclusion(String relative) {
        for (Map.Entry<String, String> e : excluded.entrySet()) {
            String p = e.getKey();
            if (p.endsWith("/") ? relative.startsWith(p) : relative.equals(p)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** The in-scope .wast files under {@code suite}, sorted, as paths relative to it. */
    public List<String> files(Path suite) throws IOException {
        List<String> result = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(suite)) {
            walk.filter(p -> p.toString().endsWith(".wast") && Files.isRegularFile(p))
                    .map(p -> suite.relativize(p).toString().replace('\\', '/'))
                    .filter(rel -> exclusion(rel) == null)
                    .sorted()
                    .forEach(result::add);
        }
        return result;
    }
}
