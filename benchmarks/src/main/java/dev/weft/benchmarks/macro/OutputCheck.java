package dev.weft.benchmarks.macro;

import java.util.Optional;

/**
 * Decides whether a run succeeded: it exited with 0 in time and the last non-empty line of its
 * stdout is the expected one (an empty expected line means: printed nothing). A run that fails
 * this check is reported with the reason and is never timed.
 */
public final class OutputCheck {
    private OutputCheck() {}

    /** Why {@code outcome} is not a success, or empty if it is. */
    public static Optional<String> failure(ProcessRunner.Outcome outcome, String expected, long timeoutSeconds) {
        if (outcome.timedOut()) {
            return Optional.of("timed out after " + timeoutSeconds + " s");
        }
        if (outcome.exitCode() != 0) {
            String line = firstLine(outcome.stderr());
            if (line.isEmpty()) {
                line = firstLine(outcome.stdout());
            }
            return Optional.of((line.isEmpty() ? "no output" : line) + " (exit code " + outcome.exitCode() + ")");
        }
        String got = lastLine(outcome.stdout());
        if (!got.equals(expected)) {
            return Optional.of("wrong output: got \"" + shorten(got) + "\", expected \"" + expected + "\"");
        }
        return Optional.empty();
    }

    /** The first non-blank line of {@code text}, trimmed, or "". */
    static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().map(OutputCheck::shorten).orElse("");
    }

    /** The last non-blank line of {@code text}, trimmed, or "". */
    static String lastLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("");
    }

    private static String shorten(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
