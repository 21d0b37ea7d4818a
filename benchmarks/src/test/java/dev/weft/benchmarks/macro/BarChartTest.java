package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

class BarChartTest {
    @TempDir
    Path dir;

    @Test
    void wideRangesGetALogAxisFromDecadeToDecade() {
        BarChart.Axis axis = BarChart.Axis.fit(List.of(0.05, 3.0, 40.0));
        assertEquals(new BarChart.Axis(BarChart.Scale.LOG, 0.01, 100), roundTo12(axis));
        assertEquals(new BarChart.Axis(BarChart.Scale.LOG, 1, 100), roundTo12(BarChart.Axis.fit(List.of(1.0, 30.0))));
        assertEquals(BarChart.Scale.LOG, BarChart.Axis.fit(List.of(1.0, 20.1)).scale());
    }

    @Test
    void narrowRangesGetALinearAxisFromZeroToARoundNumber() {
        assertEquals(new BarChart.Axis(BarChart.Scale.LINEAR, 0, 40000), BarChart.Axis.fit(List.of(25731.0, 38515.0)));
        assertEquals(BarChart.Scale.LINEAR, BarChart.Axis.fit(List.of(1.0, 20.0)).scale()); // exactly 20x: still linear
        assertEquals(new BarChart.Axis(BarChart.Scale.LINEAR, 0, 1.2), BarChart.Axis.fit(List.of(0.2, 1.1)));
        // a round maximum leaves headroom for the value label above the bar
        assertEquals(new BarChart.Axis(BarChart.Scale.LINEAR, 0, 120), BarChart.Axis.fit(List.of(100.0)));
    }

    @Test
    void theScaleIgnoresZerosAndCopesWithNoValues() {
        assertEquals(BarChart.Scale.LINEAR, BarChart.Axis.fit(List.of(0.0, 5.0, 6.0)).scale());
        assertEquals(new BarChart.Axis(BarChart.Scale.LINEAR, 0, 1.2), BarChart.Axis.fit(List.of()));
    }

    @Test
    void aRowCaptionNamesEachSeriesWithoutAValueAndWhy() {
        BarChart.Group g = new BarChart.Group("sieve 100 / native", List.of(BarChart.Bar.missing("weft", "failed"),
                BarChart.Bar.of("node", 8), BarChart.Bar.missing("chicory", "skipped")));
        assertEquals("sieve 100 / native (weft: failed, chicory: skipped)", g.caption());
        assertEquals("hello", new BarChart.Group("hello", List.of(BarChart.Bar.of("weft", 1))).caption());
    }

    @Test
    void aSectionChartHasASeriesPerEngineAndLabelsTheMissingValues() {
        CategoryChart chart = ReportFiles.chart(ReportFixture.wall()); // medians 0.5 to 8 s: 16x, linear
        assertEquals("(a) Guest programs (s, median)", chart.getTitle());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(10.0, chart.getStyler().getYAxisMax());
        assertEquals(List.of("weft", "node", "chicory"), chart.getSeriesCollection().stream().map(CategorySeries::getName).toList());
        List<String> rows = List.of("sieve 100 / asyncify", "sieve 100 / native (weft: failed)",
                "skynet 3 / asyncify (chicory: skipped)");
        for (CategorySeries s : chart.getSeriesCollection()) {
            assertEquals(rows, List.copyOf(s.getXData()), s.getName());
        }
        assertArrayEquals(new double[] {2, Double.NaN, 2}, chart.getSeries("weft").getYData());
        assertArrayEquals(new double[] {0.5, 8, 4}, chart.getSeries("node").getYData());
        // chicory has no measurement at all on sieve / native (not applicable): no bar, no label
        assertArrayEquals(new double[] {4, Double.NaN, Double.NaN}, chart.getSeries("chicory").getYData());
    }

    private static java.awt.Color fill(CategoryChart chart, String series) {
        return chart.getSeriesCollection().stream().filter(s -> s.getName().equals(series)).findFirst()
                .orElseThrow().getFillColor();
    }

    @Test
    void anEngineHasOneColourInEveryChartWhateverItsPosition() {
        CategoryChart first = BarChart.chart("A", "s", List.of("weft", "node"), List.of(
                new BarChart.Group("x", List.of(BarChart.Bar.of("weft", 1), BarChart.Bar.of("node", 2)))));
        CategoryChart second = BarChart.chart("B", "s", List.of("chicory", "node", "weft"), List.of(
                new BarChart.Group("x", List.of(BarChart.Bar.of("chicory", 1), BarChart.Bar.of("node", 2),
                        BarChart.Bar.of("weft", 3)))));
        for (String engine : List.of("weft", "node")) {
            assertEquals(fill(first, engine), fill(second, engine), engine);
        }
        assertNotEquals(BarChart.colour("weft"), BarChart.colour("node"));
        assertEquals(BarChart.colour("some-new-engine"), BarChart.colour("some-new-engine"));
    }

    @Test
    void aWideSpreadGetsALogAxisFromDecadeToDecade() {
        CategoryChart chart = BarChart.chart("Wall", "s", List.of("weft", "node"), List.of(
                new BarChart.Group("sieve", List.of(BarChart.Bar.of("weft", 2), BarChart.Bar.of("node", 0.02)))));
        assertEquals("Wall (s, median, log scale)", chart.getTitle());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.01, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(10, chart.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void aNarrowSectionGetsALinearAxis() {
        CategoryChart chart = ReportFiles.chart(ReportFixture.sizes());
        assertEquals("(d) Sizes (bytes, median)", chart.getTitle());
        assertFalse(chart.getStyler().isYAxisLogarithmic());
        assertEquals(0.0, chart.getStyler().getYAxisMin());
        assertEquals(30000.0, chart.getStyler().getYAxisMax());
    }

    @Test
    void theReportWritesEachChartAsAPngOfTheChartsSize() throws Exception {
        ReportFiles.write(ReportFixture.report(), dir);
        BufferedImage wall = ImageIO.read(dir.resolve("wall.png").toFile());
        assertNotNull(wall, "wall.png is an image ImageIO can read");
        assertEquals(BarChart.width(3, 3), wall.getWidth());
        assertEquals(BarChart.HEIGHT, wall.getHeight());
        byte[] magic = Arrays.copyOf(Files.readAllBytes(dir.resolve("size.png")), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, magic);
        BufferedImage size = ImageIO.read(dir.resolve("size.png").toFile());
        assertEquals(BarChart.width(1, 2), size.getWidth());
        assertTrue(distinctColours(wall) > 10, "more than a blank canvas");
        assertTrue(Files.readString(dir.resolve("latest.md")).contains("![(a) Guest programs](wall.png)"));
    }

    @Test
    void theWidthGrowsWithTheBarsFromAMinimum() {
        assertEquals(800, BarChart.width(1, 2));
        assertEquals(160 + 15 * (4 * 18 + 24), BarChart.width(15, 4));
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }

    private static BarChart.Axis roundTo12(BarChart.Axis a) {
        return a == null ? null : new BarChart.Axis(a.scale(), round(a.min()), round(a.max()));
    }

    private static double round(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
    }
}
