package org.leakguard.agent.report;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * A report as JUnit XML, for CI pipelines that gate an image on compliance: one testsuite per
 * run, a testcase for the run's result, one per control and one per probe. A control or probe that
 * is not as the policy says is a failure; one that could not be told (unknown, a probe with no
 * answer) is an error, since a skipped test lets most gates pass and an unknown is never a pass;
 * a control the policy does not apply to here is skipped. Written with the JDK's StAX writer, which
 * escapes markup; characters XML 1.0 cannot hold at all are replaced with U+FFFD first.
 */
public final class JunitReport {
    private JunitReport() {}

    /** One testcase's verdict: null passed, else the element and its type. */
    private record Verdict(String element, String type, String message, String detail) {}

    private record Case(String classname, String name, double seconds, Verdict verdict) {}

    public static String render(Report r, Instant written) throws XMLStreamException {
        List<Case> cases = cases(r);
        int failures = count(cases, "failure");
        int errors = count(cases, "error");
        int skipped = count(cases, "skipped");
        StringWriter text = new StringWriter();
        XMLStreamWriter x = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
        x.writeStartDocument("UTF-8", "1.0");
        x.writeCharacters("\n");
        x.writeStartElement("testsuites");
        attribute(x, "name", "leakguard");
        counts(x, cases.size(), failures, errors, skipped, r.durationMs() / 1000.0);
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        attribute(x, "name", "leakguard " + r.command() + (r.policy() == null ? "" : " " + r.policy().name()));
        counts(x, cases.size(), failures, errors, skipped, r.durationMs() / 1000.0);
        attribute(x, "timestamp", written.truncatedTo(ChronoUnit.SECONDS).toString());
        attribute(x, "hostname", r.host() == null ? "" : r.host().name());
        properties(x, r);
        for (Case c : cases) {
            testcase(x, c);
        }
        x.writeCharacters("\n    ");
        x.writeStartElement("system-out");
        x.writeCharacters(clean(String.join("\n", r.messages())));
        x.writeEndElement();
        x.writeCharacters("\n  ");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndElement();
        x.writeCharacters("\n");
        x.writeEndDocument();
        x.close();
        return text.toString();
    }

    private static List<Case> cases(Report r) {
        List<Case> cases = new ArrayList<>();
        String result = r.result() == null ? "error" : r.result().label();
        Verdict run = r.exitCode() == 0 ? null
                : new Verdict(r.exitCode() == 1 || r.exitCode() == 2 ? "error" : "failure", result,
                        "result " + result + " (exit " + r.exitCode() + ")", String.join("\n", r.messages()));
        cases.add(new Case("leakguard.run", r.command() == null ? "run" : r.command(), r.durationMs() / 1000.0, run));
        for (ControlReport c : r.controls()) {
            cases.add(new Case("leakguard.control", c.id(), 0, verdict(c)));
        }
        for (ProbeReport p : r.probes()) {
            Verdict v = Boolean.TRUE.equals(p.passed()) ? null
                    : new Verdict(p.passed() == null ? "error" : "failure", p.passed() == null ? "unknown" : "leak",
                            "expected " + p.expected() + ", observed " + p.observed(), p.kind() + " " + p.target());
            cases.add(new Case("leakguard.probe", p.kind() + " " + p.target(), p.ms() / 1000.0, v));
        }
        return cases;
    }

    private static Verdict verdict(ControlReport c) {
        Status status = c.status() == null ? Status.UNKNOWN : c.status();
        List<String> lines = new ArrayList<>();
        for (ChangeReport ch : c.changes()) {
            lines.add(ch.summary());
        }
        for (Finding f : c.findings()) {
            lines.add(f.severity().label() + ": " + f.message());
        }
        String detail = String.join("\n", lines);
        String message = status.label() + (lines.isEmpty() ? "" : ": " + lines.get(0));
        switch (status) {
            case COMPLIANT:
            case CHANGED:
                return null;
            case NOT_APPLICABLE:
                return new Verdict("skipped", status.label(), message, null);
            case UNKNOWN:
                return new Verdict("error", status.label(), message, detail);
            default:
                return new Verdict("failure", status.label(), message, detail);
        }
    }

    private static void testcase(XMLStreamWriter x, Case c) throws XMLStreamException {
        x.writeCharacters("\n    ");
        if (c.verdict() == null) {
            x.writeEmptyElement("testcase");
            caseAttributes(x, c);
            return;
        }
        x.writeStartElement("testcase");
        caseAttributes(x, c);
        x.writeCharacters("\n      ");
        Verdict v = c.verdict();
        if (v.detail() == null) {
            x.writeEmptyElement(v.element());
            attribute(x, "message", v.message());
        } else {
            x.writeStartElement(v.element());
            attribute(x, "message", v.message());
            attribute(x, "type", v.type());
            x.writeCharacters(clean(v.detail()));
            x.writeEndElement();
        }
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static void caseAttributes(XMLStreamWriter x, Case c) throws XMLStreamException {
        attribute(x, "classname", c.classname());
        attribute(x, "name", c.name());
        attribute(x, "time", Double.toString(c.seconds()));
    }

    private static void properties(XMLStreamWriter x, Report r) throws XMLStreamException {
        x.writeCharacters("\n    ");
        x.writeStartElement("properties");
        property(x, "result", r.result() == null ? "error" : r.result().label());
        property(x, "exitCode", Integer.toString(r.exitCode()));
        property(x, "policy", r.policy() == null ? "" : r.policy().name());
        property(x, "policy.sha256", r.policy() == null ? "" : r.policy().sha256());
        property(x, "transaction", r.transaction() == null ? "" : r.transaction());
        property(x, "os", r.host() == null ? "" : r.host().os());
        x.writeCharacters("\n    ");
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeCharacters("\n      ");
        x.writeEmptyElement("property");
        attribute(x, "name", name);
        attribute(x, "value", value);
    }

    private static void counts(XMLStreamWriter x, int tests, int failures, int errors, int skipped, double seconds)
            throws XMLStreamException {
        attribute(x, "tests", Integer.toString(tests));
        attribute(x, "failures", Integer.toString(failures));
        attribute(x, "errors", Integer.toString(errors));
        attribute(x, "skipped", Integer.toString(skipped));
        attribute(x, "time", Double.toString(seconds));
    }

    private static void attribute(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeAttribute(name, clean(value));
    }

    private static int count(List<Case> cases, String element) {
        int n = 0;
        for (Case c : cases) {
            if (c.verdict() != null && c.verdict().element().equals(element)) {
                n++;
            }
        }
        return n;
    }

    /** Text XML 1.0 can hold: tab, line feed, carriage return and U+0020 up, without lone surrogates or U+FFFE/U+FFFF. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean surrogatePair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (surrogatePair) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }
}
