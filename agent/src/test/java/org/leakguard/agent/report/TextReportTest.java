package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The hand-padded table is the one the format strings {@code %-22s %-15s %s%n} and friends lay out. */
class TextReportTest {

    @Test
    void layoutMatchesTheFormatStrings() {
        Report r = new Report(Result.NON_COMPLIANT, 3, "check", new Report.PolicyRef("corp", "0123456789abcdef0123"),
                new Report.HostRef("h1", "Linux"), "20260101T000000Z-abcdef", 42,
                List.of(new ControlReport("resolvers", Status.CHANGED, List.of(new ChangeReport("write-file", "/etc/resolv.conf",
                                "pin nameservers")), List.of(Finding.info("seen"), Finding.warning("careful"))),
                        new ControlReport("a-control-id-longer-than-22", Status.NOT_APPLICABLE, List.of(), List.of())),
                List.of(new ProbeReport("udp53", "198.51.100.53", "unreachable", "answered", false, 12),
                        new ProbeReport("canary", "a-target-name-longer-than-28-characters", "x", null, null, 1234567)),
                List.of("one message", "another"));

        assertThat(TextReport.render(r)).isEqualTo(formatted(r));
    }

    @Test
    void aBareReport() {
        Report r = new Report(Result.ROLLED_BACK, 0, "rollback", null, new Report.HostRef("h1", "Linux"), null, 0, List.of(),
                List.of(), List.of());

        assertThat(TextReport.render(r)).isEqualTo(formatted(r));
    }

    @Test
    void aPlanSaysChangesPendingAndShowsEachPreviewAfterTheTable() {
        String diff = "--- /dev/null\n+++ b/etc/x.conf\n@@ -0,0 +1 @@\n+pinned\n";
        Report r = new Report(Result.NON_COMPLIANT, 3, "plan", null, new Report.HostRef("h1", "Linux"), null, 0,
                List.of(new ControlReport("resolvers", Status.NON_COMPLIANT,
                        List.of(new ChangeReport("write-file", "/etc/x.conf", "write /etc/x.conf: pin", "pinned\n", diff),
                                new ChangeReport("reload", "systemctl", "run systemctl reload x: read it")), List.of())),
                List.of(), List.of());

        String text = TextReport.render(r, true);

        assertThat(text).contains("What apply writes, in full:" + System.lineSeparator() + System.lineSeparator()
                + "[resolvers] write /etc/x.conf: pin" + System.lineSeparator() + diff);
        assertThat(text).doesNotContain("[resolvers] run systemctl");
        assertThat(text).endsWith("result: changes pending (exit 3) in <1 ms\n");
        assertThat(text).contains("resolvers              changes pending write /etc/x.conf: pin");
        assertThat(TextReport.render(r, false)).doesNotContain("What apply writes").contains("write /etc/x.conf: pin");
    }

    /** The table as String.format lays it out. */
    private static String formatted(Report r) {
        String row = "%-22s %-15s %s%n";
        StringBuilder s = new StringBuilder();
        String policy = r.policy() == null ? "" : "  policy " + r.policy().name() + " (sha256 " + r.policy().sha256().substring(0, 12) + ")";
        s.append("leakguard " + r.command() + policy + "  host " + r.host().name() + " (" + r.host().os() + ")").append('\n');
        if (!r.controls().isEmpty()) {
            s.append('\n').append(String.format(row, "CONTROL", "STATUS", "DETAIL"));
            for (ControlReport c : r.controls()) {
                List<String> details = new java.util.ArrayList<>();
                c.changes().forEach(ch -> details.add(ch.summary()));
                c.findings().forEach(f -> details.add((f.severity() == Finding.Severity.INFO ? "" : f.severity().label() + ": ") + f.message()));
                if (details.isEmpty()) {
                    details.add("");
                }
                s.append(String.format(row, c.id(), c.status().label(), details.get(0)));
                details.subList(1, details.size()).forEach(d -> s.append(String.format(row, "", "", d)));
            }
        }
        if (!r.probes().isEmpty()) {
            s.append('\n').append(String.format("%-12s %-28s %-6s %6s  %s%n", "PROBE", "TARGET", "PASSED", "MS", "OBSERVED"));
            for (ProbeReport p : r.probes()) {
                String passed = p.passed() == null ? "?" : p.passed() ? "yes" : "NO";
                s.append(String.format("%-12s %-28s %-6s %6s  %s%n", p.kind(), p.target(), passed, p.ms() < 1 ? "<1" : p.ms(), p.observed()));
            }
        }
        if (!r.messages().isEmpty()) {
            s.append('\n');
            r.messages().forEach(m -> s.append(m).append('\n'));
        }
        String tx = r.transaction() == null ? "" : ", transaction " + r.transaction();
        s.append('\n').append("result: " + r.result().label() + " (exit " + r.exitCode() + ") in " + (r.durationMs() < 1 ? "<1" : r.durationMs()) + " ms" + tx).append('\n');
        return s.toString();
    }
}
