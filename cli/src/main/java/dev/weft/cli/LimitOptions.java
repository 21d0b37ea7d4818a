package dev.weft.cli;

import dev.weft.interpreter.ResourceLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code weft run}'s limit flags into {@link ResourceLimits}: durations such as
 * {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; memory sizes in bytes with a unit
 * ({@code B}, {@code KiB}, {@code MiB}, {@code GiB}; rounded down to whole 64 KiB pages) or in
 * pages ({@code 16pages}); plain non-negative counts for fuel and continuations. A bad value
 * throws IllegalArgumentException with the one-line reason.
 */
final class LimitOptions {
    private static final long PAGE = 65536;
    private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*([a-zA-Z]+)");

    private LimitOptions() {}

    /** {@code --timeout}: a positive number with ms, s, m or h. */
    static Duration duration(String flag, String text) {
        Matcher m = AMOUNT.matcher(text.strip());
        if (m.matches()) {
            long n = number(flag, m.group(1), text);
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> null;
            };
            if (d != null && n > 0) {
                return d;
            }
        }
        throw new IllegalArgumentException(flag + " expects a duration like 500ms, 10s, 2m or 1h, got \"" + text + "\"");
    }

    /** {@code --max-memory}: bytes with a unit (rounded down to pages) or pages; returns pages. */
    static long memoryPages(String flag, String text) {
        Matcher m = AMOUNT.matcher(text.strip());
        if (m.matches()) {
            long n = number(flag, m.group(1), text);
            long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                case "b" -> 1;
                case "kib" -> 1L << 10;
                case "mib" -> 1L << 20;
                case "gib" -> 1L << 30;
                case "pages", "page" -> PAGE;
                default -> 0;
            };
            if (unit > 0) {
                if (n > Long.MAX_VALUE / unit) {
                    throw new IllegalArgumentException(flag + ": " + text + " is too large");
                }
                return n * unit / PAGE;
            }
        }
        throw new IllegalArgumentException(flag + " expects a size like 64MiB, 512KiB, 1GiB or 16pages, got \"" + text + "\"");
    }

    /** A non-negative whole number (fuel units, continuations). */
    static long count(String flag, String text) {
        if (text.strip().matches("\\d+")) {
            return number(flag, text.strip(), text);
        }
        throw new IllegalArgumentException(flag + " expects a non-negative whole number, got \"" + text + "\"");
    }

    private static long number(String flag, String digits, String text) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": " + text + " is too large");
        }
    }
}
