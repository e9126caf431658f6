package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * The schedule verbs on the real command line. Nothing here may reach a live scheduler: install
 * is only run where it must refuse before writing (no scheduler for the OS, bad input).
 */
class ScheduleCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path root;
    Path policy;
    Path state;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        root = MainTest.image(tmp);
        policy = MainTest.policy(tmp, "sched-test");
        state = root.resolve("var/lib/leakguard");
    }

    int run(String os, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h1", os, "1"), c -> {
            throw new java.io.IOException("no commands in this test: " + c);
        }, Verifier.UNAVAILABLE, Clock.systemUTC(), "/opt/leakguard/bin/agent");
        int code = Main.run(ctx, new PrintWriter(o), new PrintWriter(e), args);
        synchronized (this) {
            out.append(o.toString());
            err.append(e.toString());
        }
        return code;
    }

    @Test
    void aScheduledRunQueuesBehindAnotherRunWithWait() throws Exception {
        Files.createDirectories(state);
        RunLock held = RunLock.acquire(state, Duration.ZERO);
        long t0 = System.nanoTime();
        CompletableFuture<Integer> queued = CompletableFuture.supplyAsync(() -> run("Linux", "--root", root.toString(), "--wait", "10",
                "schedule", "run", "--remediate", policy.toString()));
        try {
            Thread.sleep(1000);
            assertThat(queued).as("still waiting for the lock").isNotDone();
        } finally {
            held.close();
        }
        int code = queued.get(10, TimeUnit.SECONDS);
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertThat(code).as(err.toString()).isZero();
        assertThat(waited).isGreaterThanOrEqualTo(1000);
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 203.0.113.53\n");
        List<Path> reports = Files.list(state.resolve("reports")).sorted().toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0).getFileName().toString()).endsWith("-apply-remediated.json");
    }

    @Test
    void withoutWaitASecondRunFailsAndItsReportIsStillKept() throws Exception {
        Files.createDirectories(state);
        RunLock held = RunLock.acquire(state, Duration.ZERO);
        try {
            int code = run("Linux", "--root", root.toString(), "schedule", "run", policy.toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).contains("another leakguard run holds");
        } finally {
            held.close();
        }
        List<Path> reports = Files.list(state.resolve("reports")).toList();
        assertThat(reports).hasSize(1);
        JsonNode r = JSON.readTree(reports.get(0).toFile());
        assertThat(r.path("result").asText()).isEqualTo("error");
        assertThat(r.path("command").asText()).isEqualTo("schedule run");
    }

    @Test
    void checkRunsKeepTheLastNReportsAndStatusShowsTheNewest() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(run("Linux", "--root", root.toString(), "schedule", "run", "--keep-reports", "2", policy.toString())).isEqualTo(3);
            Thread.sleep(5);
        }
        assertThat(Files.list(state.resolve("reports"))).hasSize(2);
        out.getBuffer().setLength(0);

        assertThat(run("Linux", "schedule", "status", "--state-dir", state.toString(), "--format", "json")).isZero();

        JsonNode v = JSON.readTree(out.toString());
        assertThat(v.path("installed").isNull()).isTrue();
        assertThat(v.path("lastReport").path("result").asText()).isEqualTo("non-compliant");
        assertThat(v.path("reportsKept").asInt()).isEqualTo(2);
    }

    @Test
    void installRefusesBadInputBeforeLookingAtTheHost() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nspec:\n  ipv6: sometimes\n");

        assertThat(run("Linux", "--state-dir", state.toString(), "schedule", "install", bad.toString(), "--every", "1h")).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml:4");
        assertThat(run("Linux", "--state-dir", state.toString(), "schedule", "install", policy.toString(), "--every", "10s"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--every: 10s");
        assertThat(run("Linux", "--state-dir", state.toString(), "schedule", "install", policy.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--every");
        assertThat(state).doesNotExist();
    }

    @Test
    void anOperatingSystemWithoutAKnownSchedulerChangesNothing() {
        int code = run("Plan 9", "--state-dir", state.toString(), "schedule", "install", policy.toString(), "--every", "1h");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("no scheduler is known for Plan 9; nothing was changed");
        assertThat(state).doesNotExist();
    }

    @Test
    void removeWithNothingInstalledIsNotAnError() {
        assertThat(run("Linux", "--state-dir", state.toString(), "schedule", "remove")).isZero();
        assertThat(out.toString()).contains("no schedule is installed");
    }
}
