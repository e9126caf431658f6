package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit report, parsed back as XML: its counts, verdicts and text are the report's. */
public class JunitReportTest {

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> cases(Document d) {
        NodeList nodes = d.getElementsByTagName("testcase");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    public static Element testcase(Document d, String classname, String name) {
        return cases(d).stream().filter(e -> e.getAttribute("classname").equals(classname) && e.getAttribute("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no testcase " + classname + " " + name));
    }

    /** The verdict element's name, or "passed". */
    public static String verdict(Element testcase) {
        NodeList children = testcase.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element) {
                return ((Element) children.item(i)).getTagName();
            }
        }
        return "passed";
    }

    @Test
    void oneSuiteWhoseCountsAreItsTestcases() throws Exception {
        Document d = parse(JunitReport.render(PrometheusReportTest.report("check"), PrometheusReportTest.WRITTEN));

        assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(1);
        Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
        List<Element> cases = cases(d);
        assertThat(cases).hasSize(1 + 6 + 3);
        for (String kind : List.of("failure", "error", "skipped")) {
            long n = cases.stream().filter(c -> verdict(c).equals(kind)).count();
            assertThat(Long.parseLong(suite.getAttribute(kind.equals("skipped") ? "skipped" : kind + "s"))).as(kind).isEqualTo(n);
        }
        assertThat(suite.getAttribute("tests")).isEqualTo("10");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-03-01T12:00:00Z");
        assertThat(suite.getAttribute("hostname")).isEqualTo("h1");
    }

    @Test
    void verdictsFollowStatusesAndNothingUnknownPasses() throws Exception {
        Document d = parse(JunitReport.render(PrometheusReportTest.report("check"), PrometheusReportTest.WRITTEN));

        assertThat(verdict(testcase(d, "leakguard.run", "check"))).isEqualTo("failure");
        assertThat(verdict(testcase(d, "leakguard.control", "resolvers"))).isEqualTo("passed");
        assertThat(verdict(testcase(d, "leakguard.control", "firewall"))).isEqualTo("passed");
        assertThat(verdict(testcase(d, "leakguard.control", "ipv6"))).isEqualTo("failure");
        assertThat(verdict(testcase(d, "leakguard.control", "containers"))).isEqualTo("failure");
        assertThat(verdict(testcase(d, "leakguard.control", "browsers"))).isEqualTo("error");
        assertThat(verdict(testcase(d, "leakguard.control", "smartNameResolution"))).isEqualTo("skipped");
        assertThat(verdict(testcase(d, "leakguard.probe", "udp53 198.51.100.53"))).isEqualTo("passed");
        assertThat(verdict(testcase(d, "leakguard.probe", "tcp53 198.51.100.53"))).isEqualTo("failure");
        assertThat(verdict(testcase(d, "leakguard.probe", "canary leaktest.corp.example"))).isEqualTo("error");
        assertThat(testcase(d, "leakguard.control", "ipv6").getTextContent()).contains("warning: global address left");
    }

    @Test
    void markupAndCharactersXmlCannotHoldAreWrittenSafely() throws Exception {
        String nasty = "<b>&amp; \"q\" 'a' ]]> \u0001 bell\u0007 \uD83D\uDE00 lone \uD800 end";
        Report r = new Report(Result.ERROR, 1, "check", null, new Report.HostRef("h<1>", "Linux"), null, 5,
                List.of(new ControlReport("resolvers", Status.NON_COMPLIANT, List.of(), List.of(Finding.error(nasty)))),
                List.of(), List.of(nasty));

        Document d = parse(JunitReport.render(r, PrometheusReportTest.WRITTEN));

        String expected = "<b>&amp; \"q\" 'a' ]]> \uFFFD bell\uFFFD \uD83D\uDE00 lone \uFFFD end";
        assertThat(testcase(d, "leakguard.control", "resolvers").getTextContent()).contains(expected);
        Element failure = (Element) testcase(d, "leakguard.control", "resolvers").getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).contains(expected);
        assertThat(d.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo(expected);
        assertThat(((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("hostname")).isEqualTo("h<1>");
        assertThat(verdict(testcase(d, "leakguard.run", "check"))).as("an error run is an error").isEqualTo("error");
    }

    @Test
    void aCompliantRunPassesEveryTestcase() throws Exception {
        Report ok = new Report(Result.COMPLIANT, 0, "check", new Report.PolicyRef("p", "00"), new Report.HostRef("h", "Linux"),
                null, 5, List.of(new ControlReport("resolvers", Status.COMPLIANT, List.of(), List.of())), List.of(), List.of());

        Document d = parse(JunitReport.render(ok, PrometheusReportTest.WRITTEN));

        assertThat(cases(d)).hasSize(2).allSatisfy(c -> assertThat(verdict(c)).isEqualTo("passed"));
    }
}
