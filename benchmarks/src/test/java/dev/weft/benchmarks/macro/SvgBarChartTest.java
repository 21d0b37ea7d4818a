package dev.weft.benchmarks.macro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgBarChartTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document doc) {
        NodeList nodes = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void wideRangesGetALogAxisWithOneTickPerDecade() {
        SvgBarChart.Axis axis = SvgBarChart.Axis.fit(List.of(0.05, 3.0, 40.0), 600);
        assertEquals(SvgBarChart.Scale.LOG, axis.scale());
        assertEquals(0.01, axis.lo(), 1e-12);
        assertEquals(100, axis.hi(), 1e-9);
        assertEquals(5, axis.ticks().size());
        double decade = axis.position(1) - axis.position(0.1);
        assertEquals(decade, axis.position(10) - axis.position(1), 1e-9);
        assertEquals(150, decade, 1e-9);
        assertEquals(0, axis.position(0.01), 1e-9);
        assertEquals(600, axis.position(100), 1e-9);
    }

    @Test
    void narrowRangesGetALinearAxisFromZero() {
        SvgBarChart.Axis axis = SvgBarChart.Axis.fit(List.of(25731.0, 38515.0), 500);
        assertEquals(SvgBarChart.Scale.LINEAR, axis.scale());
        assertEquals(0, axis.lo());
        assertEquals(40000, axis.hi(), 1e-9);
        assertEquals(250, axis.position(20000), 1e-9);
        assertEquals(List.of(0.0, 8000.0, 16000.0, 24000.0, 32000.0, 40000.0), axis.ticks());
    }

    @Test
    void theChartIsWellFormedSvgWithBarsLabelsAndReasons() throws Exception {
        String svg = SvgBarChart.render("Wall <time> & more", "s", List.of("weft", "node"), List.of(
                new SvgBarChart.Group("sieve / asyncify", List.of(SvgBarChart.Bar.of("weft", 2, 1, 3),
                        SvgBarChart.Bar.of("node", 0.02, 0.01, 0.03))),
                new SvgBarChart.Group("sieve / native", List.of(SvgBarChart.Bar.missing("weft", "failed"),
                        SvgBarChart.Bar.of("node", 8, 8, 8)))));
        Document doc = parse(svg);
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        List<String> texts = texts(doc);
        assertTrue(texts.contains("Wall <time> & more (s, log scale)"), texts.toString());
        assertTrue(texts.containsAll(List.of("weft", "node", "sieve / asyncify", "sieve / native", "failed", "2.00", "8.00")),
                texts.toString());
        assertTrue(texts.containsAll(List.of("0.01", "0.1", "1", "10")), "decade ticks: " + texts);
        // one rect for the background, two legend swatches, three bars
        assertEquals(6, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").getLength());
    }

    @Test
    void aChartOfOneSectionHasABarPerMeasurement() throws Exception {
        Document doc = parse(ReportFiles.chart(ReportFixture.wall()));
        List<String> texts = texts(doc);
        assertTrue(texts.contains("(a) Guest programs (s, log scale)"), texts.toString()); // 0.25 to 8 s
        assertTrue(texts.containsAll(List.of("failed", "skipped", "skynet 3 / asyncify")), texts.toString());
    }
}
