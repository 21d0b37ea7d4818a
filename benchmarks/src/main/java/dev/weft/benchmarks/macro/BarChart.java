package dev.weft.benchmarks.macro;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart drawn by XChart and written as PNG: one group of bars per table row, one
 * bar per series (the median). The value axis is logarithmic when the values span more than
 * {@link #LOG_SPAN} (so a 100× gap and a 1.2× gap stay readable in one picture), linear from 0
 * otherwise. A series without a value in a row (failed, skipped) is named in that row's label,
 * since a missing bar alone would read as "not measured".
 *
 * <p>No min–max whiskers: XChart's category error bars are symmetric (value ± e) and, on a log
 * axis, take the logarithm of e itself as a distance, so they cannot show a min–max range. The
 * Markdown table next to each chart gives median (min–max).
 */
public final class BarChart {
    /** Largest max/min ratio drawn on a linear axis. */
    static final double LOG_SPAN = 20;
    /** Chart height in pixels; the width grows with the number of bars ({@link #width}). */
    static final int HEIGHT = 600;
    /**
     * One colour per series name in every chart of a report, so an engine is the same colour in
     * the wall-time chart and the http chart: Weft's in blues and greens, its peers in warm colours.
     */
    private static final Map<String, Color> COLOURS = Map.ofEntries(
            Map.entry("weft", new Color(0x3465a4)),
            Map.entry("weft-compiled", new Color(0x729fcf)),
            Map.entry("weft-auto", new Color(0x06989a)),
            Map.entry("weft-native", new Color(0x3465a4)),
            Map.entry("weft-wasmfx", new Color(0x729fcf)),
            Map.entry("weft-asyncify", new Color(0x4e9a06)),
            Map.entry("pooled (default)", new Color(0x3465a4)),
            Map.entry("unpooled", new Color(0x73d216)),
            Map.entry("node", new Color(0xf57900)),
            Map.entry("node-http", new Color(0xf57900)),
            Map.entry("chicory", new Color(0xcc0000)),
            Map.entry("chicory-compiler", new Color(0x75507b)),
            Map.entry("jdk-httpserver-vt", new Color(0x8f5902)));
    /** For series not in {@link #COLOURS}: chosen by the name's hash, so still stable. */
    private static final Color[] OTHERS = {new Color(0xc4a000), new Color(0x555753), new Color(0xad7fa8),
            new Color(0xe9b96e), new Color(0x204a87), new Color(0xa40000)};

    /**
     * One bar.
     *
     * @param missing why there is no value ("failed", "skipped"), or null when there is one
     */
    public record Bar(String series, double value, String missing) {
        public static Bar of(String series, double value) {
            return new Bar(series, value, null);
        }

        public static Bar missing(String series, String why) {
            return new Bar(series, Double.NaN, why);
        }
    }

    /** The bars of one table row; a series that has no bar here is not applicable to the row. */
    public record Group(String label, List<Bar> bars) {
        /** The row label, followed by the series without a value and why, e.g. "sieve (weft: failed)". */
        public String caption() {
            List<String> missing = bars.stream().filter(b -> b.missing() != null)
                    .map(b -> b.series() + ": " + b.missing()).toList();
            return missing.isEmpty() ? label : label + " (" + String.join(", ", missing) + ")";
        }
    }

    public enum Scale { LINEAR, LOG }

    /** The value axis: its scale and range. */
    public record Axis(Scale scale, double min, double max) {
        /**
         * The axis for {@code values}: logarithmic from the decade below the smallest positive
         * value to the decade above the largest when they span more than {@link #LOG_SPAN},
         * linear from 0 otherwise (up to a round number at or above the largest value).
         */
        static Axis fit(List<Double> values) {
            double min = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(1);
            double max = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).max().orElse(1);
            if (max / min > LOG_SPAN) {
                double lo = Math.pow(10, Math.floor(Math.log10(min)));
                double hi = Math.pow(10, Math.ceil(Math.log10(max)));
                return new Axis(Scale.LOG, lo, hi > lo ? hi : lo * 10);
            }
            return new Axis(Scale.LINEAR, 0, niceCeiling(max));
        }

        private static double niceCeiling(double max) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
            for (double step : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
                if (step * magnitude >= max * 1.0000001) {
                    return step * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }

    private BarChart() {}

    /** The chart width for {@code groups} groups of {@code series} bars: at least 800 pixels, 18 per bar. */
    static int width(int groups, int series) {
        return Math.max(800, 160 + groups * (series * 18 + 24));
    }

    /** The chart of {@code groups}, {@code series} in legend order. */
    public static CategoryChart chart(String title, String unit, List<String> series, List<Group> groups) {
        List<Double> values = new ArrayList<>();
        groups.forEach(g -> g.bars().stream().filter(b -> b.missing() == null).forEach(b -> values.add(b.value())));
        Axis axis = Axis.fit(values);
        CategoryChart chart = new CategoryChart(width(groups.size(), series.size()), HEIGHT);
        chart.setTitle(title + " (" + unit + ", median" + (axis.scale() == Scale.LOG ? ", log scale" : "") + ")");
        chart.setYAxisTitle(unit);
        var style = chart.getStyler();
        style.setChartBackgroundColor(Color.WHITE);
        style.setPlotBackgroundColor(Color.WHITE);
        style.setPlotBorderColor(Color.GRAY);
        style.setPlotGridLinesColor(new Color(0xdddddd));
        style.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        style.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        style.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        style.setLegendPosition(Styler.LegendPosition.OutsideS);
        style.setLegendLayout(Styler.LegendLayout.Horizontal);
        style.setXAxisLabelRotation(30);
        style.setXAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        style.setAvailableSpaceFill(0.85);
        style.setYAxisLogarithmic(axis.scale() == Scale.LOG);
        style.setYAxisLogarithmicDecadeOnly(true);
        style.setYAxisMin(axis.min());
        style.setYAxisMax(axis.max());
        style.setYAxisTickLabelsFormattingFunction(v -> Format.tick(v, unit));
        style.setLabelsVisible(true);
        style.setLabelsRotation(90);
        style.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        style.setLabelsFontColorAutomaticEnabled(false);
        style.setLabelsFontColor(Color.BLACK);
        List<String> captions = groups.stream().map(Group::caption).toList();
        for (String s : series) {
            List<Double> ys = new ArrayList<>();
            for (Group g : groups) {
                ys.add(g.bars().stream().filter(b -> b.series().equals(s) && b.missing() == null)
                        .map(Bar::value).findFirst().orElse(Double.NaN));
            }
            CategorySeries cs = chart.addSeries(s, captions, ys);
            cs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
            cs.setFillColor(colour(s));
        }
        return chart;
    }

    /** The colour of series {@code name}, the same in every chart. */
    static Color colour(String name) {
        Color known = COLOURS.get(name);
        return known != null ? known : OTHERS[Math.floorMod(name.hashCode(), OTHERS.length)];
    }

    /** Writes {@code chart} to {@code file} as PNG. */
    public static void writePng(CategoryChart chart, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }
}
