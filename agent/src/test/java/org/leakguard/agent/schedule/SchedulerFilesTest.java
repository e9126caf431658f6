package org.leakguard.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler files, generated from data, against golden copies; and what may not go into them. */
class SchedulerFilesTest {
    static final Schedule HOURLY = new Schedule("/opt/leakguard/bin/agent", "/var/lib/leakguard", "/etc/leakguard/scheduled.yaml",
            Duration.ofHours(1), Duration.ofMinutes(5), true, 48, 100);
    static final Schedule WINDOWS = new Schedule("C:\\Program Files\\leakguard\\bin\\agent.cmd", "C:\\ProgramData\\leakguard\\state",
            "C:\\ProgramData\\leakguard\\scheduled.yaml", Duration.ofHours(1), Duration.ofMinutes(5), false, 48, 100);

    static String golden(String name) throws IOException {
        try (InputStream in = SchedulerFilesTest.class.getResourceAsStream("/schedule/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void systemdServiceAndTimer() throws IOException {
        assertThat(SystemdUnits.service(HOURLY)).isEqualTo(golden("leakguard-check.service"));
        assertThat(SystemdUnits.timer(HOURLY)).isEqualTo(golden("leakguard-check.timer"));
    }

    @Test
    void launchdPlistCarriesTheJitterToTheAgent() throws IOException {
        assertThat(LaunchdPlist.plist(HOURLY)).isEqualTo(golden("org.leakguard.check.plist"));
    }

    @Test
    void windowsTaskRunsAsSystem() throws IOException {
        assertThat(TaskXml.xml(WINDOWS, LocalDateTime.of(2026, 11, 23, 22, 0, 5, 123))).isEqualTo(golden("leakguard-check-task.xml"));
    }

    @Test
    void checkOnlyHasNoRemediateAndAShortPeriodWaitsAtLeastThirtySeconds() {
        Schedule s = new Schedule("/a/agent", "/s", "/p.yaml", Duration.ofMinutes(1), Duration.ZERO, false, 3, 4);
        assertThat(s.runArgs()).containsExactly("--state-dir", "/s", "--wait", "30", "--syslog", "schedule", "run",
                "--keep-reports", "3", "--keep-journals", "4", "/p.yaml");
        assertThat(s.runArgsWithJitter()).isEqualTo(s.runArgs());
        assertThat(SystemdUnits.timer(s)).contains("OnUnitActiveSec=60s\n", "RandomizedDelaySec=0s\n", "AccuracySec=6s\n");
    }

    @Test
    void aPrometheusFileGivenToInstallIsWrittenByEveryRun() {
        Schedule s = new Schedule("/a/agent", "/s", "/p.yaml", Duration.ofHours(1), Duration.ZERO, true, 3, 4,
                "/var/lib/prometheus/node-exporter/leakguard.prom");
        assertThat(s.runArgs()).containsSubsequence("--syslog", "--prometheus", "/var/lib/prometheus/node-exporter/leakguard.prom",
                "schedule", "run", "--remediate");
        assertThatThrownBy(() -> new Schedule("/a/agent", "/s", "/p.yaml", Duration.ofHours(1), Duration.ZERO, true, 3, 4,
                "relative.prom")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--prometheus");
    }

    /** systemd-analyze verify (systemd 252) reads this program back as "/opt/my 100% $agent/bin/agent". */
    @Test
    void execStartQuotesForSystemd() {
        String line = SystemdUnits.execLine(List.of("/opt/my 100% $agent/bin/agent", "/var/lib/leak$guard", "100%\"q\\.yaml", "a b"));
        assertThat(line).isEqualTo("\"/opt/my 100%% $agent/bin/agent\" \"/var/lib/leak$$guard\" \"100%%\\\"q\\\\.yaml\" \"a b\"");
    }

    @Test
    void aNewlineOrAQuoteInTheProgramIsRefused() {
        assertThatThrownBy(() -> new Schedule("/a/agent", "/s", "/etc/x\n[Service]\nExecStartPre=/bin/evil", Duration.ofHours(1),
                Duration.ZERO, false, 1, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        assertThatThrownBy(() -> SystemdUnits.execLine(List.of("/opt/a\"b/agent"))).hasMessageContaining("systemd refuses");
        assertThatThrownBy(() -> SystemdUnits.execLine(List.of("/opt/agent", "x\ty"))).hasMessageContaining("control character");
        assertThatThrownBy(() -> TaskXml.cmdWord("C:\\a&b\\agent.cmd")).hasMessageContaining("cmd.exe");
        assertThat(Xml.escape("<a & 'b'>")).isEqualTo("&lt;a &amp; &apos;b&apos;&gt;");
    }

    @Test
    void periodsOutsideTheRangeAreRefused() {
        assertThatThrownBy(() -> Schedule.checkTimes(Duration.ofSeconds(10), Duration.ZERO)).hasMessageContaining("--every: 10s");
        assertThatThrownBy(() -> Schedule.checkTimes(Duration.ofDays(40), Duration.ZERO)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Schedule.checkTimes(Duration.ofMillis(90_500), Duration.ZERO)).hasMessageContaining("whole seconds");
        assertThatThrownBy(() -> Schedule.checkTimes(Duration.ofMinutes(5), Duration.ofMinutes(5))).hasMessageContaining("--jitter");
        assertThatThrownBy(() -> new Schedule("agent", "/s", "/p", Duration.ofHours(1), Duration.ZERO, false, 1, 1))
                .hasMessageContaining("not an absolute path");
    }
}
