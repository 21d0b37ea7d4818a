package dev.weft.benchmarks.macro;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * One part of the report: a table (rows = subject/variant, columns = series), a chart and
 * notes. Ratios are always {@code series median / baseline median}, so above 1 means the
 * baseline (Weft, or the pooled default) is faster.
 */
public final class Section {
    private final String id;
    private final String title;
    private final String unit;
    private final String baseline;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private boolean headlinePerRow;

    /**
     * @param id       short name: the chart's file name and the JSON key
     * @param unit     the unit of every sample: s, ms, us or bytes
     * @param baseline the series the ratios divide by, or "" for no ratios
     */
    public Section(String id, String title, String unit, String baseline) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.baseline = baseline;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String unit() {
        return unit;
    }

    public String baseline() {
        return baseline;
    }

    public List<Measurement> measurements() {
        return List.copyOf(measurements);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }

    /**
     * Whether the headline lists this section's ratios row by row instead of as one geometric
     * mean (for rows that measure different things, such as the lifecycle steps).
     */
    public boolean headlinePerRow() {
        return headlinePerRow;
    }

    public Section headlinePerRow(boolean perRow) {
        headlinePerRow = perRow;
        return this;
    }

    public Section add(Measurement m) {
        measurements.add(m);
        return this;
    }

    public Section note(String text) {
        notes.add(text);
        return this;
    }

    /** Records a command as it was run (once per distinct text). */
    public Section command(String text) {
        if (!commands.contains(text)) {
            commands.add(text);
        }
        return this;
    }

    /** The rows in the order they were first measured. */
    public SequencedSet<String> rows() {
        SequencedSet<String> rows = new LinkedHashSet<>();
        measurements.forEach(m -> rows.add(m.row()));
        return rows;
    }

    /** The series in the order they were first measured, the baseline first. */
    public SequencedSet<String> series() {
        SequencedSet<String> series = new LinkedHashSet<>();
        if (!baseline.isEmpty() && measurements.stream().anyMatch(m -> m.series().equals(baseline))) {
            series.add(baseline);
        }
        measurements.forEach(m -> series.add(m.series()));
        return series;
    }

    /** The measurement of {@code series} in {@code row}, if any. */
    public Optional<Measurement> find(String row, String series) {
        return measurements.stream().filter(m -> m.row().equals(row) && m.series().equals(series)).findFirst();
    }

    /** {@code series / baseline} in {@code row}, when both have a value. */
    public Optional<Double> ratio(String row, String series) {
        if (baseline.isEmpty()) {
            return Optional.empty();
        }
        Optional<Measurement> num = find(row, series).filter(Measurement::hasValue);
        Optional<Measurement> den = find(row, baseline).filter(Measurement::hasValue);
        if (num.isEmpty() || den.isEmpty() || den.get().summary().median() <= 0) {
            return Optional.empty();
        }
        return Optional.of(num.get().summary().median() / den.get().summary().median());
    }

    /** The geometric mean of {@code series / baseline} over the rows where both have a value, with the count. */
    public Optional<Map.Entry<Double, Integer>> geometricMeanRatio(String series) {
        double logSum = 0;
        int n = 0;
        for (String row : rows()) {
            Optional<Double> r = ratio(row, series);
            if (r.isPresent() && r.get() > 0) {
                logSum += Math.log(r.get());
                n++;
            }
        }
        return n == 0 ? Optional.empty() : Optional.of(Map.entry(Math.exp(logSum / n), n));
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("title", title);
        m.put("unit", unit);
        m.put("baseline", baseline);
        m.put("notes", notes);
        m.put("commands", commands);
        m.put("measurements", measurements.stream().map(Measurement::toJson).toList());
        return m;
    }
}
