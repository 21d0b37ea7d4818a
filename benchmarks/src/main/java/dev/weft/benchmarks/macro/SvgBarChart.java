package dev.weft.benchmarks.macro;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal grouped bar chart as SVG: one group of bars per table row, one bar per series,
 * a min–max whisker on each bar. The value axis is logarithmic when the values span more than
 * {@link #LOG_SPAN} (so a 100× gap and a 1.2× gap stay readable in one picture), linear from 0
 * otherwise. A series without a value in a group shows its reason (failed, skipped) as text.
 */
public final class SvgBarChart {
    /** Largest max/min ratio drawn on a linear axis. */
    static final double LOG_SPAN = 20;
    private static final String[] COLOURS = {"#3465a4", "#f57900", "#73d216", "#cc0000", "#75507b", "#8f5902"};
    private static final int PLOT = 600;
    private static final int RIGHT = 70;
    /** Width of one character of an 11-px sans-serif label, generously. */
    private static final double CHAR = 6.5;
    private static final int BAR = 12;
    private static final int BAR_GAP = 2;
    private static final int GROUP_GAP = 12;
    private static final int TOP = 64;

    /**
     * One bar.
     *
     * @param missing why there is no value ("failed", "skipped"), or null when there is one
     */
    public record Bar(String series, double value, double low, double high, String missing) {
        public static Bar of(String series, double value, double low, double high) {
            return new Bar(series, value, low, high, null);
        }

        public static Bar missing(String series, String why) {
            return new Bar(series, Double.NaN, Double.NaN, Double.NaN, why);
        }
    }

    /** The bars of one table row. */
    public record Group(String label, List<Bar> bars) {}

    public enum Scale { LINEAR, LOG }

    /** Maps values to pixel offsets along the value axis. */
    public record Axis(Scale scale, double lo, double hi, double pixels) {
        /** The axis for {@code values} (positive), {@code pixels} long. */
        static Axis fit(List<Double> values, double pixels) {
            double min = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).min().orElse(1);
            double max = values.stream().filter(v -> v > 0).mapToDouble(Double::doubleValue).max().orElse(1);
            if (max / min > LOG_SPAN) {
                double lo = Math.pow(10, Math.floor(Math.log10(min)));
                double hi = Math.pow(10, Math.ceil(Math.log10(max)));
                return new Axis(Scale.LOG, lo, hi > lo ? hi : lo * 10, pixels);
            }
            return new Axis(Scale.LINEAR, 0, niceCeiling(max), pixels);
        }

        /** The offset of {@code v} from the axis origin, clamped to the axis. */
        public double position(double v) {
            double f = scale == Scale.LOG
                    ? (Math.log10(Math.max(v, lo)) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))
                    : v / hi;
            return Math.max(0, Math.min(1, f)) * pixels;
        }

        /** Tick values: each power of ten (log), or five equal steps from 0 (linear). */
        public List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (scale == Scale.LOG) {
                for (double t = lo; t <= hi * 1.0001; t *= 10) {
                    ticks.add(t);
                }
            } else {
                for (int i = 0; i <= 5; i++) {
                    ticks.add(hi * i / 5);
                }
            }
            return ticks;
        }

        private static double niceCeiling(double max) {
            double magnitude = Math.pow(10, Math.floor(Math.log10(max)));
            for (double step : new double[] {1, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
                if (step * magnitude >= max) {
                    return step * magnitude;
                }
            }
            return 10 * magnitude;
        }
    }

    private SvgBarChart() {}

    /** The chart as a standalone SVG document. */
    public static String render(String title, String unit, List<String> series, List<Group> groups) {
        List<Double> values = new ArrayList<>();
        for (Group g : groups) {
            for (Bar b : g.bars()) {
                if (b.missing() == null) {
                    values.add(b.value());
                    values.add(b.low());
                    values.add(b.high());
                }
            }
        }
        int labelWidth = (int) Math.ceil(12 + CHAR * groups.stream().mapToInt(g -> g.label().length()).max().orElse(10));
        int legend = 10;
        for (String x : series) {
            legend += 24 + (int) Math.ceil(CHAR * x.length());
        }
        int width = Math.max(labelWidth + PLOT + RIGHT, legend + 10);
        Axis axis = Axis.fit(values, PLOT);
        int groupHeight = series.size() * (BAR + BAR_GAP) + GROUP_GAP;
        int height = TOP + groups.size() * groupHeight + 40;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(svg, 10, 20, "start", "font-size=\"14\" font-weight=\"bold\"",
                title + " (" + unit + (axis.scale() == Scale.LOG ? ", log scale" : "") + ")");
        int x = 10;
        for (int i = 0; i < series.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>%n",
                    x, colour(i)));
            text(svg, x + 16, 42, "start", "", series.get(i));
            x += 24 + (int) Math.ceil(CHAR * series.get(i).length());
        }
        int bottom = TOP + groups.size() * groupHeight;
        for (double t : axis.ticks()) {
            double tx = labelWidth + axis.position(t);
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", tx, TOP - 6, tx, bottom));
            text(svg, tx, bottom + 14, "middle", "", Format.tick(t, unit));
        }
        int y = TOP;
        for (Group g : groups) {
            text(svg, labelWidth - 6, y + (series.size() * (BAR + BAR_GAP)) / 2.0 + 4, "end", "", g.label());
            for (int i = 0; i < series.size(); i++) {
                Bar b = find(g, series.get(i));
                if (b != null) {
                    bar(svg, axis, labelWidth, b, y, colour(i), unit);
                }
                y += BAR + BAR_GAP;
            }
            y += GROUP_GAP;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>%n",
                labelWidth, TOP - 6, labelWidth, bottom));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void bar(StringBuilder svg, Axis axis, int x0, Bar b, int y, String colour, String unit) {
        if (b.missing() != null) {
            text(svg, x0 + 4, y + BAR - 2, "start", "fill=\"#888\" font-style=\"italic\"", b.missing());
            return;
        }
        double w = Math.max(1, axis.position(b.value()));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n", x0, y, w, BAR, colour));
        double end = x0 + w;
        if (b.high() > b.low()) {
            double lo = x0 + axis.position(b.low());
            double hi = x0 + axis.position(b.high());
            double mid = y + BAR / 2.0;
            svg.append(String.format(Locale.ROOT,
                    "<path d=\"M%.1f %.1fH%.1fM%.1f %.1fV%.1fM%.1f %.1fV%.1f\" stroke=\"#222\" fill=\"none\"/>%n",
                    lo, mid, hi, lo, mid - 3, mid + 3, hi, mid - 3, mid + 3));
            end = Math.max(end, hi);
        }
        text(svg, end + 4, y + BAR - 2, "start", "", Format.number(b.value(), unit));
    }

    private static Bar find(Group g, String series) {
        return g.bars().stream().filter(b -> b.series().equals(series)).findFirst().orElse(null);
    }

    private static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String attrs, String content) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>%n",
                x, y, anchor, attrs.isEmpty() ? "" : " " + attrs, Format.xml(content)));
    }
}
