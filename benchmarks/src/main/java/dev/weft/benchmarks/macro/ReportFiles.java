package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;

/** Writes a report into a directory: {@code latest.md}, {@code latest.json} and one PNG chart per section. */
public final class ReportFiles {
    private ReportFiles() {}

    public static void write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Section s : report.sections()) {
            if (!s.measurements().isEmpty()) {
                BarChart.writePng(chart(s), dir.resolve(MarkdownReport.chartFile(s)));
            }
        }
        Files.writeString(dir.resolve("latest.json"), Json.write(report.toJson()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
    }

    /** The chart of a section: a group per row, a bar per series (the median). */
    static CategoryChart chart(Section s) {
        return BarChart.chart(s.title(), s.unit(), new ArrayList<>(s.series()), groups(s));
    }

    /** The groups of a section's chart: a row's measurements, those without a value with their status. */
    static List<BarChart.Group> groups(Section s) {
        List<BarChart.Group> groups = new ArrayList<>();
        for (String row : s.rows()) {
            List<BarChart.Bar> bars = new ArrayList<>();
            for (String x : s.series()) {
                s.find(row, x).ifPresent(m -> bars.add(m.hasValue() ? BarChart.Bar.of(x, m.summary().median())
                        : BarChart.Bar.missing(x, m.status().id())));
            }
            groups.add(new BarChart.Group(row, bars));
        }
        return groups;
    }
}
