package org.leakguard.agent.report;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * A report as a table a person reads at a glance. Built with appends and padded by hand: the
 * first {@code String.format} of a run compiles its format with regular expressions, and each
 * {@code +} on strings is linked at run time, both of which cost more than the table itself.
 */
public final class TextReport {
    private static final String NL = System.lineSeparator();

    private TextReport() {}

    public static String render(Report r) {
        return render(r, false);
    }

    /** With {@code diffs}, each change's preview (a plan's diffs and rulesets) follows the table. */
    public static String render(Report r, boolean diffs) {
        StringBuilder s = new StringBuilder();
        header(s, r).append('\n');
        if (!r.controls().isEmpty()) {
            s.append('\n');
            controlRow(s, "CONTROL", "STATUS", "DETAIL");
            for (ControlReport c : r.controls()) {
                appendControl(s, c, planning(r));
            }
        }
        if (diffs) {
            previews(s, r);
        }
        if (!r.probes().isEmpty()) {
            s.append('\n');
            probeRow(s, "PROBE", "TARGET", "PASSED", "MS", "OBSERVED");
            for (ProbeReport p : r.probes()) {
                String passed = p.passed() == null ? "?" : p.passed() ? "yes" : "NO";
                probeRow(s, p.kind(), p.target(), passed, p.ms() < 1 ? "<1" : Long.toString(p.ms()), p.observed());
            }
        }
        if (!r.messages().isEmpty()) {
            s.append('\n');
            for (String m : r.messages()) {
                s.append(m).append('\n');
            }
        }
        footer(s.append('\n'), r).append('\n');
        return s.toString();
    }

    private static StringBuilder header(StringBuilder s, Report r) {
        s.append("leakguard ").append(r.command());
        if (r.policy() != null) {
            s.append("  policy ").append(r.policy().name()).append(" (sha256 ").append(r.policy().sha256(), 0, 12).append(')');
        }
        return s.append("  host ").append(r.host().name()).append(" (").append(r.host().os()).append(')');
    }

    private static StringBuilder footer(StringBuilder s, Report r) {
        s.append("result: ").append(resultWords(r)).append(" (exit ").append(r.exitCode()).append(") in ")
                .append(r.durationMs() < 1 ? "<1" : Long.toString(r.durationMs())).append(" ms");
        return r.transaction() == null ? s : s.append(", transaction ").append(r.transaction());
    }

    /** A plan's non-compliance is work to do, not a finding against the host. */
    static String resultWords(Report r) {
        return planning(r) && r.result() == Result.NON_COMPLIANT ? "changes pending" : r.result().label();
    }

    private static boolean planning(Report r) {
        return "plan".equals(r.command()) || "apply --dry-run".equals(r.command());
    }

    private static void previews(StringBuilder s, Report r) {
        boolean first = true;
        for (ControlReport c : r.controls()) {
            for (ChangeReport ch : c.changes()) {
                if (ch.diff() == null || ch.diff().isEmpty()) {
                    continue;
                }
                if (first) {
                    s.append('\n').append("What apply writes, in full:").append(NL);
                    first = false;
                }
                s.append(NL).append('[').append(c.id()).append("] ").append(ch.summary()).append(NL).append(ch.diff());
                if (!ch.diff().endsWith("\n")) {
                    s.append(NL);
                }
            }
        }
    }

    private static void appendControl(StringBuilder s, ControlReport c, boolean planning) {
        List<String> details = new ArrayList<>();
        for (ChangeReport ch : c.changes()) {
            details.add(ch.summary());
        }
        for (Finding f : c.findings()) {
            details.add(f.severity() == Finding.Severity.INFO ? f.message() : f.severity().label().concat(": ").concat(f.message()));
        }
        if (details.isEmpty()) {
            details.add("");
        }
        boolean pending = planning && c.status() == Status.NON_COMPLIANT && !c.changes().isEmpty();
        controlRow(s, c.id(), pending ? "changes pending" : c.status().label(), details.get(0));
        for (String d : details.subList(1, details.size())) {
            controlRow(s, "", "", d);
        }
    }

    /** As {@code "%-22s %-15s %s%n"}. */
    private static void controlRow(StringBuilder s, String control, String status, String detail) {
        left(s, control, 22).append(' ');
        left(s, status, 15).append(' ').append(detail).append(NL);
    }

    /** As {@code "%-12s %-28s %-6s %6s  %s%n"}. */
    private static void probeRow(StringBuilder s, String kind, String target, String passed, String ms, String observed) {
        left(s, kind, 12).append(' ');
        left(s, target, 28).append(' ');
        left(s, passed, 6).append(' ');
        right(s, ms, 6).append("  ").append(observed).append(NL);
    }

    private static StringBuilder left(StringBuilder s, String text, int width) {
        String shown = String.valueOf(text);
        return pad(s.append(shown), width - shown.length());
    }

    private static StringBuilder right(StringBuilder s, String text, int width) {
        String shown = String.valueOf(text);
        return pad(s, width - shown.length()).append(shown);
    }

    private static StringBuilder pad(StringBuilder s, int n) {
        for (int i = 0; i < n; i++) {
            s.append(' ');
        }
        return s;
    }
}
