package dev.weft.wast;

import dev.weft.wast.WastParser;
import dev.weft.wast.WastScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The WebAssembly conformance suite for the tests that read it. Looked up in this order: the
 * directory named by {@code WEFT_TESTSUITE}, the one named by {@code WEFT_TESTSUITE_DEFAULT}
 * (set by the build to {@code ../shared/testsuite} next to the checkout, which need not exist
 * from a worktree), then a {@code shared/testsuite} directory in the working directory or one
 * of its ancestors. Candidates that are not directories are passed over.
 */
public final class TestSuite {
    /** What a test says when the suite is not there. */
    public static final String MISSING_MESSAGE = "conformance suite not found: put the WebAssembly test suite "
            + "(with the stack-switching tests) at ../shared/testsuite next to this repository, "
            + "or point WEFT_TESTSUITE at it";

    private TestSuite() {}

    /** The suite directory, if there is one. */
    public static Optional<Path> find() {
        for (String env : new String[] {"WEFT_TESTSUITE", "WEFT_TESTSUITE_DEFAULT"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank() && Files.isDirectory(Path.of(v))) {
                return Optional.of(Path.of(v));
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("testsuite");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The suite directory; aborts the calling test with {@link #MISSING_MESSAGE} if there is none. */
    public static Path require() {
        Optional<Path> suite = find();
        Assumptions.assumeTrue(suite.isPresent(), MISSING_MESSAGE);
        return suite.get();
    }

    /** The {@code .wast} files directly in {@code dir} (which must exist), sorted by name. */
    public static List<Path> scripts(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and parses a script; {@code name} labels it in messages. */
    public static WastScript parse(Path file, String name) {
        try {
            return WastParser.parse(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
