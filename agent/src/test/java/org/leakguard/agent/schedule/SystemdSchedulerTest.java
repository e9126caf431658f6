package org.leakguard.agent.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;

/** Installing and removing the systemd entry through the journal, on a temporary root with scripted systemctl. */
class SystemdSchedulerTest {
    static final byte[] POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: sched}
            spec:
              resolvers: {servers: [203.0.113.53]}
            """.getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    Path root;
    ScriptedCommands commands;
    Host host;
    ChangeJournal journal;
    LoadedPolicy policy;
    final SystemdScheduler scheduler = new SystemdScheduler();

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(root.resolve("etc/systemd/system/other.service"), "[Service]\n");
        commands = new ScriptedCommands();
        host = new Host(new HostInfo("h", "Linux", "6"), new LocalFiles(root), commands, false, Clock.systemUTC());
        journal = new ChangeJournal(host, new StateDir(tmp.resolve("state/schedule"), new com.fasterxml.jackson.databind.ObjectMapper()),
                Clock.systemUTC());
        policy = new PolicyLoader().parse("p.yaml", POLICY);
    }

    @Test
    void withoutRunningSystemdItSaysWhyAndOffersCron() {
        assertThat(scheduler.unavailabilityCause(host)).hasValueSatisfying(w -> assertThat(w).contains("/run/systemd/system", "cron"));
    }

    @Test
    void installWritesEnablesAndRemoveUndoesExactly() throws Exception {
        Files.createDirectories(root.resolve("run/systemd/system"));
        assertThat(scheduler.unavailabilityCause(host)).isEmpty();
        commands.ok("", "systemctl", "daemon-reload").ok("", "systemctl", "enable", "--now", "leakguard-check.timer")
                .ok("", "systemctl", "disable", "--now", "leakguard-check.timer");

        ChangeJournal.Result r = journal.apply(policy, scheduler.install(SchedulerFilesTest.HOURLY, POLICY));

        assertThat(r.error()).isNull();
        assertThat(root.resolve("etc/leakguard/scheduled.yaml")).hasBinaryContent(POLICY);
        assertThat(Files.readString(root.resolve("etc/systemd/system/leakguard-check.timer"))).contains("OnUnitActiveSec=3600s");
        assertThat(Files.readString(root.resolve("etc/systemd/system/leakguard-check.service")))
                .contains("ExecStart=\"/opt/leakguard/bin/agent\"", "\"--remediate\"");
        assertThat(commands.argvs()).containsExactly(List.of("systemctl", "daemon-reload"),
                List.of("systemctl", "enable", "--now", "leakguard-check.timer"));

        List<String> left = journal.undo(journal.latestCommitted().orElseThrow(), "remove");

        assertThat(left).isEmpty();
        assertThat(root.resolve("etc/leakguard/scheduled.yaml")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/leakguard-check.timer")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/leakguard-check.service")).doesNotExist();
        assertThat(root.resolve("etc/systemd/system/other.service")).hasContent("[Service]\n");
        assertThat(commands.argvs().subList(2, 4)).containsExactly(List.of("systemctl", "disable", "--now", "leakguard-check.timer"),
                List.of("systemctl", "daemon-reload"));
        assertThat(journal.latestCommitted()).isEmpty();
    }

    @Test
    void aFailedEnableUndoesTheFilesItWrote() throws Exception {
        Files.createDirectories(root.resolve("etc/leakguard"));
        Files.writeString(root.resolve("etc/leakguard/scheduled.yaml"), "older copy\n");
        commands.ok("", "systemctl", "daemon-reload").fail(1, "Failed to enable unit", "systemctl", "enable", "--now",
                "leakguard-check.timer").ok("", "systemctl", "disable", "--now", "leakguard-check.timer");

        ChangeJournal.Result r = journal.apply(policy, scheduler.install(SchedulerFilesTest.HOURLY, POLICY));

        assertThat(r.error()).contains("Failed to enable unit");
        assertThat(r.left()).isEmpty();
        assertThat(root.resolve("etc/leakguard/scheduled.yaml")).hasContent("older copy\n");
        assertThat(root.resolve("etc/systemd/system/leakguard-check.timer")).doesNotExist();
        assertThat(journal.latestCommitted()).isEmpty();
    }

    /** systemctl show's KEY=VALUE output (systemd 252), with an unset time as empty or n/a. */
    @Test
    void stateFromSystemctlShow() {
        SchedulerState s = SystemdScheduler.parseShow("""
                NextElapseUSecRealtime=Tue 2026-11-24 00:03:12 UTC
                LastTriggerUSec=Mon 2026-11-23 23:01:40 UTC
                ActiveState=active
                """, "Result=success\nExecMainStatus=3\n");
        assertThat(s).isEqualTo(new SchedulerState("active", "Tue 2026-11-24 00:03:12 UTC", "Mon 2026-11-23 23:01:40 UTC",
                "success, exit 3", null));
        assertThat(SystemdScheduler.parseShow("NextElapseUSecRealtime=\nLastTriggerUSec=n/a\nActiveState=inactive\n", "").nextRun())
                .isNull();
    }

    @Test
    void installIsAPlanOfFilesThenReloadThenEnable() {
        assertThat(scheduler.install(SchedulerFilesTest.HOURLY, POLICY).stream().map(c -> c.target()).toList()).containsExactly(
                "/etc/leakguard/scheduled.yaml", "/etc/systemd/system/leakguard-check.service",
                "/etc/systemd/system/leakguard-check.timer", "systemctl daemon-reload", "systemctl");
        assertThat(Duration.ofSeconds(SchedulerFilesTest.HOURLY.waitSeconds())).isEqualTo(Duration.ofMinutes(10));
    }
}
