package dev.weft.benchmarks.macro;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of a section: what was measured ({@code subject} and {@code variant}, the row), on
 * what ({@code series}, the column: an engine, a pool mode, a backend), and how it went.
 *
 * @param samples the timed values in the section's unit (empty unless {@link Status#OK} or
 *                {@link Status#REFERENCE})
 * @param message why it failed or was skipped, or where a reference figure comes from
 */
public record Measurement(String subject, String variant, String series, Status status, String message,
                          List<Double> samples) {
    /** How a measurement went. */
    public enum Status implements Named {
        /** Measured; the samples are the timed runs. */
        OK("ok"),
        /** A run failed (crash, error, timeout or wrong output); nothing was timed. */
        FAILED("failed"),
        /** Not run, e.g. the engine is not installed. */
        SKIPPED("skipped"),
        /** A published figure quoted for comparison, not measured by this run. */
        REFERENCE("reference");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    public Measurement {
        samples = List.copyOf(samples);
    }

    public static Measurement ok(String subject, String variant, String series, List<Double> samples) {
        return new Measurement(subject, variant, series, Status.OK, "", samples);
    }

    public static Measurement failed(String subject, String variant, String series, String message) {
        return new Measurement(subject, variant, series, Status.FAILED, message, List.of());
    }

    public static Measurement skipped(String subject, String variant, String series, String message) {
        return new Measurement(subject, variant, series, Status.SKIPPED, message, List.of());
    }

    public static Measurement reference(String subject, String variant, String series, double value, String source) {
        return new Measurement(subject, variant, series, Status.REFERENCE, source, List.of(value));
    }

    /** Whether there is a value to show (measured or quoted). */
    public boolean hasValue() {
        return status == Status.OK || status == Status.REFERENCE;
    }

    /** The summary of the samples; only when {@link #hasValue()}. */
    public Summary summary() {
        return Summary.of(samples);
    }

    /** The row this measurement belongs to. */
    public String row() {
        return variant.isEmpty() ? subject : subject + " / " + variant;
    }

    /** The raw numbers for the JSON report. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", subject);
        m.put("variant", variant);
        m.put("series", series);
        m.put("status", status.id());
        if (!message.isEmpty()) {
            m.put("message", message);
        }
        if (hasValue()) {
            Summary s = summary();
            m.put("median", s.median());
            m.put("min", s.min());
            m.put("max", s.max());
        }
        m.put("samples", samples);
        return m;
    }
}
