package org.leakguard.agent.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.spi.Finding;

/**
 * The JSON report, written field by field with Jackson's streaming generator and the same pretty
 * printer {@link Json#MAPPER} uses, so the text is exactly what databind writes for these records
 * (ReportJsonTest holds the two together). Databind would first build a serializer for each
 * record by reflection, which took longer than the rest of a compliant {@code check}.
 */
public final class ReportJson {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportJson() {}

    public static String pretty(Report r) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text)) {
            g.setPrettyPrinter(new DefaultPrettyPrinter());
            write(g, r);
        }
        return text.toString();
    }

    private static void write(JsonGenerator g, Report r) throws IOException {
        g.writeStartObject();
        g.writeStringField("result", r.result() == null ? null : r.result().label());
        g.writeNumberField("exitCode", r.exitCode());
        g.writeStringField("command", r.command());
        g.writeFieldName("policy");
        if (r.policy() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("name", r.policy().name());
            g.writeStringField("sha256", r.policy().sha256());
            g.writeEndObject();
        }
        g.writeFieldName("host");
        if (r.host() == null) {
            g.writeNull();
        } else {
            g.writeStartObject();
            g.writeStringField("name", r.host().name());
            g.writeStringField("os", r.host().os());
            g.writeEndObject();
        }
        g.writeStringField("transaction", r.transaction());
        g.writeNumberField("durationMs", r.durationMs());
        controls(g, r.controls());
        probes(g, r.probes());
        g.writeArrayFieldStart("messages");
        for (String m : r.messages()) {
            g.writeString(m);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("agent");
        g.writeStringField("version", r.agent().version());
        g.writeStringField("commit", r.agent().commit());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void controls(JsonGenerator g, List<ControlReport> controls) throws IOException {
        g.writeArrayFieldStart("controls");
        for (ControlReport c : controls) {
            g.writeStartObject();
            g.writeStringField("id", c.id());
            g.writeStringField("status", c.status() == null ? null : c.status().label());
            g.writeArrayFieldStart("changes");
            for (ChangeReport ch : c.changes()) {
                g.writeStartObject();
                g.writeStringField("kind", ch.kind());
                g.writeStringField("target", ch.target());
                g.writeStringField("summary", ch.summary());
                if (ch.after() != null) {
                    g.writeStringField("after", ch.after());
                }
                if (ch.diff() != null) {
                    g.writeStringField("diff", ch.diff());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("findings");
            for (Finding f : c.findings()) {
                g.writeStartObject();
                g.writeStringField("severity", f.severity() == null ? null : f.severity().label());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void probes(JsonGenerator g, List<ProbeReport> probes) throws IOException {
        g.writeArrayFieldStart("probes");
        for (ProbeReport p : probes) {
            g.writeStartObject();
            g.writeStringField("kind", p.kind());
            g.writeStringField("target", p.target());
            g.writeStringField("expected", p.expected());
            g.writeStringField("observed", p.observed());
            g.writeFieldName("passed");
            if (p.passed() == null) {
                g.writeNull();
            } else {
                g.writeBoolean(p.passed());
            }
            g.writeNumberField("ms", p.ms());
            if (p.routing() != null) {
                routing(g, p.routing());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void routing(JsonGenerator g, NameRouting r) throws IOException {
        g.writeObjectFieldStart("routing");
        g.writeStringField("name", r.name());
        strings(g, "domains", r.domains());
        strings(g, "allowed", r.allowed());
        if (r.askedBy() != null) {
            strings(g, "askedBy", r.askedBy());
        }
        if (r.systemAnswer() != null) {
            strings(g, "systemAnswer", r.systemAnswer());
        }
        if (r.routeAnswers() != null) {
            g.writeObjectFieldStart("routeAnswers");
            for (Map.Entry<String, List<String>> e : r.routeAnswers().entrySet()) {
                strings(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
