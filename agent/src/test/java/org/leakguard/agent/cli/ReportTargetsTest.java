package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.JunitReportTest;
import org.leakguard.agent.report.PrometheusText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** --prometheus, --junit, --syslog and the state folder's last report, through the real command line. */
class ReportTargetsTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    Path root;
    Path policy;
    Path state;
    StringWriter out;
    StringWriter err;

    /** MainTest's image (a resolv.conf to pin) and policy (cli-test), in this test's folder. */
    @BeforeEach
    void setUp() throws Exception {
        MainTest image = new MainTest();
        image.tmp = tmp;
        image.setUp();
        root = image.root;
        policy = image.policy;
        state = root.resolve("var/lib/leakguard");
    }

    int run(Commands commands, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h1", "Linux", "6"), commands,
                Verifier.UNAVAILABLE, Clock.fixed(NOW, ZoneOffset.UTC));
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    int run(String... args) {
        return run(c -> {
            throw new java.io.IOException("no commands in this test");
        }, args);
    }

    @Test
    void everyTargetIsWrittenAndTheRemediationCountSurvivesRuns() throws Exception {
        Path prom = Files.createDirectories(tmp.resolve("textfile")).resolve("leakguard.prom");
        Path junit = tmp.resolve("ci/out/leakguard.xml");
        String[] targets = {"--root", root.toString(), "--prometheus", prom.toString(), "--junit", junit.toString()};

        assertThat(run(with(targets, "apply", policy.toString()))).as(err.toString()).isZero();
        assertThat(run("--root", root.toString(), "rollback", "--last")).as(err.toString()).isZero();
        assertThat(run(with(targets, "apply", policy.toString()))).as(err.toString()).isZero();
        assertThat(run(with(targets, "check", policy.toString()))).as(err.toString()).isZero();

        PrometheusText m = PrometheusText.parse(Files.readString(prom));
        assertThat(m.value("leakguard_remediations_total", Map.of("policy", "cli-test"))).isEqualTo(2);
        assertThat(m.value("leakguard_last_run_result", Map.of("result", "compliant"))).isEqualTo(1);
        assertThat(m.value("leakguard_last_run_exit_code", Map.of("command", "check"))).isZero();
        assertThat(m.value("leakguard_last_run_timestamp_seconds", Map.of())).isEqualTo(NOW.getEpochSecond());
        assertThat(m.value("leakguard_control_compliant", Map.of("control", "resolvers"))).isEqualTo(1);
        Document d = JunitReportTest.parse(Files.readString(junit));
        assertThat(JunitReportTest.verdict(JunitReportTest.testcase(d, "leakguard.control", "resolvers"))).isEqualTo("passed");
        assertThat(((Element) d.getElementsByTagName("testsuite").item(0)).getAttribute("failures")).isEqualTo("0");
        JsonNode last = MainTest.JSON.readTree(state.resolve("reports/last.json").toFile());
        assertThat(last.path("command").asText()).isEqualTo("check");
        assertThat(last.path("result").asText()).isEqualTo("compliant");
        try (var left = Files.list(prom.getParent())) {
            assertThat(left).as("no temporary file is left").containsExactly(prom);
        }
    }

    /** Run as root, permissions do not stop a write: a file where a folder should be does. */
    @Test
    void targetsThatCannotBeWrittenAreNamedAndTheRunsResultStands() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path report = blocker.resolve("r.json");
        Path prom = blocker.resolve("leakguard.prom");
        Path junit = blocker.resolve("j.xml");

        int code = run("--root", root.toString(), "--report", report.toString(), "--prometheus", prom.toString(),
                "--junit", junit.toString(), "check", policy.toString());

        assertThat(code).as("check of a host that differs").isEqualTo(3);
        assertThat(out.toString()).contains("result: non-compliant (exit 3)");
        assertThat(err.toString()).contains("cannot write the report to " + report, "cannot write the Prometheus metrics to " + prom,
                "cannot write the JUnit report to " + junit, "(the result above stands)");
        JsonNode last = MainTest.JSON.readTree(state.resolve("reports/last.json").toFile());
        assertThat(last.path("result").asText()).isEqualTo("non-compliant");
        assertThat(last.path("exitCode").asInt()).isEqualTo(3);
    }

    @Test
    void aReadOnlyFolderIsNamedToo() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root writes into a read-only folder");
        Path folder = Files.createDirectories(tmp.resolve("ro"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));

        int code = run("--root", root.toString(), "--format", "json", "--prometheus", folder.resolve("x.prom").toString(),
                "--junit", folder.resolve("x.xml").toString(), "check", policy.toString());

        assertThat(code).isEqualTo(3);
        assertThat(MainTest.JSON.readTree(out.toString()).path("result").asText()).isEqualTo("non-compliant");
        assertThat(err.toString()).contains("cannot write the Prometheus metrics to", "cannot write the JUnit report to");
    }

    /** node_exporter reads one folder; a path into a folder that is not there is a mistake to show, not to create. */
    @Test
    void thePrometheusFolderIsNotCreated() {
        Path prom = tmp.resolve("missing/leakguard.prom");

        int code = run("--root", root.toString(), "--prometheus", prom.toString(), "check", policy.toString());

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).contains("cannot write the Prometheus metrics to " + prom + ": no such file or folder: "
                + prom.getParent() + " (the result above stands)");
        assertThat(prom.getParent()).doesNotExist();
    }

    @Test
    void anInvalidPolicyStillReachesEveryTarget() throws Exception {
        Files.writeString(policy, "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: cli-test}\nspec: {ipv6: nope}\n");
        Path prom = tmp.resolve("x.prom");
        Path junit = tmp.resolve("x.xml");

        int code = run("--root", root.toString(), "--prometheus", prom.toString(), "--junit", junit.toString(), "check",
                policy.toString());

        assertThat(code).isEqualTo(2);
        assertThat(PrometheusText.parse(Files.readString(prom)).value("leakguard_last_run_result", Map.of("result", "invalid")))
                .isEqualTo(1);
        Document d = JunitReportTest.parse(Files.readString(junit));
        assertThat(JunitReportTest.verdict(JunitReportTest.testcase(d, "leakguard.run", "check"))).isEqualTo("error");
    }

    @Test
    void syslogGetsOneLineWithTheEventIdAndPriority() {
        ScriptedCommands commands = new ScriptedCommands();
        commands.on(List.of("logger", "-t", "leakguard", "-p", "user.info", "--",
                "LG1002 result=valid exit=0 command=validate policy=cli-test txid=- host=h1 controls=- probes=0/0"),
                new org.leakguard.agent.host.CommandResult(0, "", ""));

        int code = run(commands, "--syslog", "validate", policy.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(commands.argvs()).hasSize(1);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aSyslogThatFailsIsSaidAndChangesNothing() {
        ScriptedCommands commands = new ScriptedCommands().missing("logger");

        int code = run(commands, "--syslog", "validate", policy.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("result: valid (exit 0)");
        assertThat(err.toString()).contains("warning: cannot write the run to the system log: cannot run logger");
    }

    @Test
    void withoutTheOptionsNothingIsWrittenButTheStateFoldersReport() throws Exception {
        int code = run("--root", root.toString(), "check", policy.toString());

        assertThat(code).isEqualTo(3);
        assertThat(err.toString()).isEmpty();
        try (var files = Files.list(state.resolve("reports"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("last.json");
        }
    }

    @Test
    void aHostOutOfScopeIsNotApplicableWithExitZero() throws Exception {
        Files.writeString(policy, Files.readString(policy) + "  appliesTo: {hostnames: [\"db-*\"]}\n");

        int code = run("--root", root.toString(), "--format", "json", "apply", policy.toString());

        assertThat(code).isZero();
        JsonNode r = MainTest.JSON.readTree(out.toString());
        assertThat(r.path("result").asText()).isEqualTo("not-applicable");
        assertThat(r.path("controls").get(0).path("status").asText()).isEqualTo("not-applicable");
        assertThat(r.path("messages").toString()).contains("does not match this host's name h1");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 198.51.100.53\n");
    }

    private static String[] with(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
