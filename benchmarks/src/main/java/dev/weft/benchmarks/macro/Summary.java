package dev.weft.benchmarks.macro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median, minimum and maximum of a list of samples. The median of an even number of samples
 * is the mean of the two middle ones.
 */
public record Summary(double median, double min, double max, int count) {
    /**
     * Summarises {@code samples}.
     *
     * @throws IllegalArgumentException if there are none, or one is NaN
     */
    public static Summary of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        List<Double> sorted = new ArrayList<>(samples);
        if (sorted.stream().anyMatch(d -> d.isNaN())) {
            throw new IllegalArgumentException("a sample is NaN");
        }
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.getFirst(), sorted.getLast(), n);
    }
}
