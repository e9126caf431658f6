package org.leakguard.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The metrics file, read back by a strict reader of the exposition format. */
class PrometheusReportTest {
    static final Instant WRITTEN = Instant.parse("2026-03-01T12:00:00.250Z");

    static Report report(String command) {
        List<ControlReport> controls = List.of(
                new ControlReport("resolvers", Status.COMPLIANT, List.of(), List.of()),
                new ControlReport("firewall", Status.CHANGED, List.of(), List.of()),
                new ControlReport("ipv6", Status.NON_COMPLIANT, List.of(), List.of(Finding.warning("global address left"))),
                new ControlReport("browsers", Status.UNKNOWN, List.of(), List.of(Finding.warning("cannot read"))),
                new ControlReport("smartNameResolution", Status.NOT_APPLICABLE, List.of(), List.of()),
                new ControlReport("containers", Status.FAILED, List.of(), List.of()));
        List<ProbeReport> probes = List.of(
                new ProbeReport("udp53", "198.51.100.53", "unreachable", "timeout", true, 12),
                new ProbeReport("tcp53", "198.51.100.53", "unreachable", "answered", false, 3),
                new ProbeReport("canary", "leaktest.corp.example", "only pinned", "api down", null, 1000));
        return new Report(Result.NON_COMPLIANT, 3, command, new Report.PolicyRef("corp-vpn-baseline", "ab".repeat(32)),
                new Report.HostRef("h1", "Linux"), "20260301T120000Z-abcdef", 1234, controls, probes, List.of("said"));
    }

    @Test
    void everyLineKeepsTheFormatAndSaysWhatTheReportSays() {
        PrometheusText m = PrometheusText.parse(PrometheusReport.render(report("check"), 7, WRITTEN));
        Map<String, String> policy = Map.of("policy", "corp-vpn-baseline");

        assertThat(m.value("leakguard_last_run_timestamp_seconds", policy)).isEqualTo(WRITTEN.toEpochMilli() / 1000.0);
        assertThat(m.value("leakguard_last_run_duration_seconds", policy)).isEqualTo(1.234);
        assertThat(m.value("leakguard_last_run_exit_code", Map.of("policy", "corp-vpn-baseline", "command", "check"))).isEqualTo(3);
        assertThat(m.value("leakguard_last_run_result", Map.of("result", "non-compliant"))).isEqualTo(1);
        assertThat(m.samples.stream().filter(s -> s.name().equals("leakguard_last_run_result")).mapToDouble(s -> s.value()).sum())
                .isEqualTo(1);
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "resolvers"))).isEqualTo(1);
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "firewall"))).isEqualTo(1);
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "ipv6"))).isZero();
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "browsers"))).as("unknown is not compliant").isZero();
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "containers"))).isZero();
        assertThat(m.samples).noneMatch(s -> s.name().equals("leakguard_control_compliant")
                && "smartNameResolution".equals(s.labels().get("control")));
        assertThat(m.value("leakguard_control_status", Map.of("control", "smartNameResolution", "status", "not-applicable")))
                .isEqualTo(1);
        assertThat(m.value("leakguard_probes", policy)).isEqualTo(3);
        assertThat(m.value("leakguard_probe_failures", policy)).isEqualTo(1);
        assertThat(m.value("leakguard_probes_unknown", policy)).isEqualTo(1);
        assertThat(m.value("leakguard_remediations_total", policy)).isEqualTo(7);
        assertThat(m.value("leakguard_build_info", Map.of("version", Build.current().version(), "commit", Build.current().commit())))
                .isEqualTo(1);
        assertThat(m.types).containsEntry("leakguard_remediations_total", "counter")
                .containsEntry("leakguard_control_compliant", "gauge");
        assertThat(m.help).containsKeys(m.types.keySet().toArray(new String[0]));
    }

    @Test
    void eachControlHasExactlyOneStatus() {
        PrometheusText m = PrometheusText.parse(PrometheusReport.render(report("check"), 0, WRITTEN));

        for (ControlReport c : report("check").controls()) {
            double sum = m.samples.stream().filter(s -> s.name().equals("leakguard_control_status"))
                    .filter(s -> c.id().equals(s.labels().get("control"))).mapToDouble(s -> s.value()).sum();
            assertThat(sum).as(c.id()).isEqualTo(1);
            assertThat(m.value("leakguard_control_status", Map.of("control", c.id(), "status", c.status().label()))).isEqualTo(1);
        }
    }

    @Test
    void labelValuesAreEscapedAndReadBackExactly() {
        String odd = "a\"b\\c\nd}e,f=g";

        PrometheusText m = PrometheusText.parse(PrometheusReport.render(report(odd), 0, WRITTEN));

        assertThat(m.value("leakguard_last_run_exit_code", Map.of("command", odd))).isEqualTo(3);
    }

    @Test
    void aRunWithoutAPolicyStillWritesEveryFamily() {
        Report failed = new Report(Result.INVALID, 2, "check", null, new Report.HostRef("h1", "Linux"), null, 0, List.of(),
                List.of(), List.of("p.yaml:3:1: bad"));

        PrometheusText m = PrometheusText.parse(PrometheusReport.render(failed, 0, WRITTEN));

        assertThat(m.value("leakguard_last_run_result", Map.of("policy", "", "result", "invalid"))).isEqualTo(1);
        assertThat(m.value("leakguard_last_run_exit_code", Map.of())).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999, 1000, 1234, 1_772_366_400_250L})
    void secondsHaveThreeDecimals(long millis) {
        assertThat(Double.parseDouble(PrometheusReport.seconds(millis))).isEqualTo(millis / 1000.0);
        assertThat(PrometheusReport.seconds(millis)).matches("\\d+\\.\\d{3}");
    }

    /** The reader would catch what the writer must never do. */
    @ParameterizedTest
    @ValueSource(strings = {
        "a 1", // no final line feed
        "# TYPE a gauge\n# TYPE a gauge\na 1\n",
        "a 1\n# TYPE a gauge\n",
        "a{x=\"\\t\"} 1\n",
        "a 1 1700000000\n",
        "a 1\nb 1\na{x=\"y\"} 1\n",
        "a{x=\"1\"} 1\na{x=\"1\"} 2\n",
        "a one\n"})
    void theReaderRefusesBrokenFiles(String text) {
        assertThatThrownBy(() -> PrometheusText.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
