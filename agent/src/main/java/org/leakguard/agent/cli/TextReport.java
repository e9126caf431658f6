package org.leakguard.agent.cli;

import java.util.List;
import org.leakguard.agent.report.ChangeReport;
import org.leakguard.agent.report.ControlReport;
import org.leakguard.agent.report.ProbeReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.spi.Finding;

/** A report as a table a person reads at a glance. */
final class TextReport {
    private static final String ROW = "%-22s %-15s %s%n";

    private TextReport() {}

    static String render(Report r) {
        StringBuilder s = new StringBuilder();
        s.append(header(r)).append('\n');
        if (!r.controls().isEmpty()) {
            s.append('\n').append(String.format(ROW, "CONTROL", "STATUS", "DETAIL"));
            for (ControlReport c : r.controls()) {
                appendControl(s, c);
            }
        }
        if (!r.probes().isEmpty()) {
            s.append('\n').append(String.format("%-10s %-28s %-6s %6s  %s%n", "PROBE", "TARGET", "PASSED", "MS", "OBSERVED"));
            for (ProbeReport p : r.probes()) {
                String passed = p.passed() == null ? "?" : p.passed() ? "yes" : "NO";
                s.append(String.format("%-10s %-28s %-6s %6d  %s%n", p.kind(), p.target(), passed, p.ms(), p.observed()));
            }
        }
        if (!r.messages().isEmpty()) {
            s.append('\n');
            r.messages().forEach(m -> s.append(m).append('\n'));
        }
        s.append('\n').append(footer(r)).append('\n');
        return s.toString();
    }

    private static String header(Report r) {
        String policy = r.policy() == null ? "" : "  policy " + r.policy().name() + " (sha256 " + r.policy().sha256().substring(0, 12) + ")";
        return "leakguard " + r.command() + policy + "  host " + r.host().name() + " (" + r.host().os() + ")";
    }

    private static String footer(Report r) {
        String tx = r.transaction() == null ? "" : ", transaction " + r.transaction();
        return "result: " + r.result().label() + " (exit " + r.exitCode() + ") in " + r.durationMs() + " ms" + tx;
    }

    private static void appendControl(StringBuilder s, ControlReport c) {
        List<String> details = new java.util.ArrayList<>();
        for (ChangeReport ch : c.changes()) {
            details.add(ch.summary());
        }
        for (Finding f : c.findings()) {
            details.add((f.severity() == Finding.Severity.INFO ? "" : f.severity().label() + ": ") + f.message());
        }
        if (details.isEmpty()) {
            details.add("");
        }
        s.append(String.format(ROW, c.id(), c.status().label(), details.get(0)));
        for (String d : details.subList(1, details.size())) {
            s.append(String.format(ROW, "", "", d));
        }
    }
}
