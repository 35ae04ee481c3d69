package dev.oakit.http.internal.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oakit.http.internal.workbench.SvgChart.Kind;
import dev.oakit.http.internal.workbench.SvgChart.Series;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The charts are read back as XML: what a browser and a screen reader get. */
class SvgChartTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static NodeList nodes(Document d, String xpath) throws Exception {
        return (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, d, XPathConstants.NODESET);
    }

    private static List<String> texts(Document d, String xpath) throws Exception {
        NodeList n = nodes(d, xpath);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    private static double attr(org.w3c.dom.Node n, String name) {
        return Double.parseDouble(((Element) n).getAttribute(name));
    }

    @Test
    void aBarChartHasOneTitledBarPerValueAnAccessibleNameAndAxisLabels() throws Exception {
        Document d = parse(SvgChart.of(Kind.BAR, "workload", "Workload <agents>", List.of("carol", "dave"),
                List.of(new Series("open", List.of(3, 1)), new Series("resolved", List.of(7, 0))), "none").svg());
        Element svg = d.getDocumentElement();
        assertThat(svg.getAttribute("role")).isEqualTo("img");
        assertThat(svg.getAttribute("aria-labelledby")).isEqualTo("workload-title workload-desc");
        assertThat(texts(d, "/*/*[local-name()='title']")).containsExactly("Workload <agents>");
        assertThat(texts(d, "/*/*[local-name()='desc']")).containsExactly("open: carol 3, dave 1; resolved: carol 7, dave 0");
        assertThat(texts(d, "//*[local-name()='g'][@class='chart-series']/*[local-name()='rect']/*[local-name()='title']"))
                .containsExactly("carol · open: 3", "dave · open: 1", "carol · resolved: 7", "dave · resolved: 0");
        assertThat(texts(d, "//*[local-name()='g'][@class='chart-labels']/*")).containsExactly("carol", "dave");
        assertThat(texts(d, "//*[local-name()='g'][@class='chart-axis']/*[local-name()='text']")).containsExactly("0", "2", "4", "6", "8");
        assertThat(texts(d, "//*[local-name()='g'][@class='chart-legend']/*[local-name()='text']")).containsExactly("open", "resolved");
        NodeList bars = nodes(d, "//*[local-name()='g'][@class='chart-series']/*[local-name()='rect']");
        // the axis goes to 8, the plot is 210 high: 7 is 183.75, 3 is 78.75
        assertThat(attr(bars.item(2), "height")).isEqualTo(183.8);
        assertThat(attr(bars.item(0), "height")).isEqualTo(78.8);
        assertThat(attr(bars.item(0), "y") + attr(bars.item(0), "height")).isEqualTo(attr(bars.item(2), "y") + attr(bars.item(2), "height"));
    }

    @Test
    void stackedBarsSitOnEachOtherAndTheAxisCoversTheirSum() throws Exception {
        Document d = parse(SvgChart.of(Kind.STACKED_BAR, "backlog", "Backlog age", List.of("it"),
                List.of(new Series("< 1 d", List.of(4)), new Series("1–3 d", List.of(6)), new Series("> 7 d", List.of(2))), "none").svg());
        NodeList bars = nodes(d, "//*[local-name()='g'][@class='chart-series']/*[local-name()='rect']");
        assertThat(bars.getLength()).isEqualTo(3);
        for (int i = 1; i < 3; i++) {
            assertThat(attr(bars.item(i), "y") + attr(bars.item(i), "height")).isCloseTo(attr(bars.item(i - 1), "y"),
                    org.assertj.core.data.Offset.offset(0.11));
        }
        assertThat(texts(d, "//*[local-name()='g'][@class='chart-axis']/*[local-name()='text']")).last().isEqualTo("15");
    }

    @Test
    void aLineChartHasOnePolylineAndOneTitledPointPerValue() throws Exception {
        Document d = parse(SvgChart.of(Kind.LINE, "volume", "Created & resolved", List.of("12-01", "12-02", "12-03"),
                List.of(new Series("created", List.of(1, 2.5, 0)), new Series("resolved", List.of(0, 1, 1))), "none").svg());
        assertThat(nodes(d, "//*[local-name()='polyline']").getLength()).isEqualTo(2);
        assertThat(((Element) nodes(d, "//*[local-name()='polyline']").item(0)).getAttribute("points").split(" ")).hasSize(3);
        assertThat(texts(d, "//*[local-name()='circle']/*[local-name()='title']")).contains("12-02 · created: 2.5", "12-03 · resolved: 1");
        assertThat(texts(d, "/*/*[local-name()='title']")).containsExactly("Created & resolved");
    }

    @Test
    void noCategoriesDrawsTheNoDataText() throws Exception {
        Document d = parse(SvgChart.of(Kind.BAR, "empty", "SLA", List.of(), List.of(new Series("met", List.of())), "没有数据").svg());
        assertThat(texts(d, "//*[@class='chart-empty']")).containsExactly("没有数据");
        assertThat(nodes(d, "//*[local-name()='rect']").getLength()).isZero();
    }

    @Test
    void badInputNamesTheChartAndTheSeries() {
        assertThatThrownBy(() -> SvgChart.of(Kind.BAR, "w", "t", List.of("a", "b"), List.of(new Series("open", List.of(1))), ""))
                .hasMessage("series 'open' of chart 'w' has 1 values for 2 categories");
        assertThatThrownBy(() -> SvgChart.of(Kind.BAR, "1 x\"", "t", List.of(), List.of(new Series("s", List.of())), ""))
                .hasMessageContaining("chart id must be letters, digits and dashes");
        assertThatThrownBy(() -> SvgChart.of(Kind.LINE, "w", "t", List.of(), List.of(), "")).hasMessage("chart 'w' needs at least one series");
    }

    @Property
    void theGridNeedsAtMostFiveStepsOfOneTwoOrFiveTimesAPowerOfTen(@ForAll @DoubleRange(min = 0.01, max = 1e9) double max) {
        double step = SvgChart.tickStep(max, false);
        assertThat(Math.ceil(max / step - 1e-9)).isBetween(1.0, 5.0);
        assertThat(SvgChart.num(step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9)))).isIn("1", "2", "5");
    }

    @Test
    void wholeNumbersGetWholeSteps() {
        assertThat(List.of(SvgChart.tickStep(1, true), SvgChart.tickStep(3, true), SvgChart.tickStep(7, true), SvgChart.tickStep(10, true),
                SvgChart.tickStep(12, true), SvgChart.tickStep(0, true), SvgChart.tickStep(1, false))).containsExactly(1.0, 1.0, 2.0, 2.0, 5.0, 1.0, 0.2);
    }

    @Property
    void everyBarStaysInsideThePlot(@ForAll @DoubleRange(min = 0, max = 1e6) double a, @ForAll @DoubleRange(min = 0, max = 1e6) double b)
            throws Exception {
        Document d = parse(SvgChart.of(Kind.STACKED_BAR, "p", "p", List.of("x", "y"),
                List.of(new Series("a", List.of(a, b)), new Series("b", List.of(b, a))), "").svg());
        NodeList bars = nodes(d, "//*[local-name()='g'][@class='chart-series']/*[local-name()='rect']");
        for (int i = 0; i < bars.getLength(); i++) {
            assertThat(attr(bars.item(i), "y")).isGreaterThanOrEqualTo(33.9);
            assertThat(attr(bars.item(i), "y") + attr(bars.item(i), "height")).isLessThanOrEqualTo(244.2);
        }
    }
}
