package dev.weft.benchmarks.macro;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a report into a directory: {@code latest.md}, {@code latest.json} and one SVG chart per section. */
public final class ReportFiles {
    private ReportFiles() {}

    public static void write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Section s : report.sections()) {
            if (!s.measurements().isEmpty()) {
                Files.writeString(dir.resolve(MarkdownReport.chartFile(s)), chart(s), StandardCharsets.UTF_8);
            }
        }
        Files.writeString(dir.resolve("latest.json"), Json.write(report.toJson()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("latest.md"), MarkdownReport.render(report), StandardCharsets.UTF_8);
    }

    /** The chart of a section: a group per row, a bar per series (median, min–max whisker). */
    static String chart(Section s) {
        List<String> series = new ArrayList<>(s.series());
        List<SvgBarChart.Group> groups = new ArrayList<>();
        for (String row : s.rows()) {
            List<SvgBarChart.Bar> bars = new ArrayList<>();
            for (String x : series) {
                s.find(row, x).ifPresent(m -> {
                    if (m.hasValue()) {
                        Summary sum = m.summary();
                        bars.add(SvgBarChart.Bar.of(x, sum.median(), sum.min(), sum.max()));
                    } else {
                        bars.add(SvgBarChart.Bar.missing(x, m.status().id()));
                    }
                });
            }
            groups.add(new SvgBarChart.Group(row, bars));
        }
        return SvgBarChart.render(s.title(), s.unit(), series, groups);
    }
}
