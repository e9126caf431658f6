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
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.probe.Verifier;

/**
 * Every verb's printed exit code is the one it returns: the text footer's {@code (exit N)} and the
 * JSON report's {@code exitCode}, in every outcome reachable here, under --root with a one-file
 * platform. {@code watch} and {@code canary serve} run until stopped and print no result.
 */
class VerbsKeepTheirWordTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern FOOTER = Pattern.compile("(?m)^result: [a-z -]+ \\(exit (\\d+)\\)");
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path tmp;

    Path root;
    Path policy;
    Path invalid;
    Instant now = NOW;
    String out;
    String err;

    @BeforeEach
    void setUp() throws Exception {
        root = MainTest.image(tmp);
        policy = MainTest.policy(tmp, "words");
        invalid = tmp.resolve("bad.yaml");
        Files.writeString(invalid, "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: x}\nspec: {resolvers: 3}\n");
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new java.io.IOException("no commands in this test");
        }, Verifier.UNAVAILABLE, Clock.fixed(now, ZoneOffset.UTC), "/opt/leakguard/bin/agent");
        int code = Main.run(ctx, new PrintWriter(o), new PrintWriter(e), args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    /** Runs the verb in text and in JSON; each printed exit code must be the returned one. Returns the code. */
    int agrees(boolean printsResult, String... verb) throws Exception {
        List<String> text = new ArrayList<>(List.of("--root", root.toString()));
        text.addAll(List.of(verb));
        int code = run(text.toArray(new String[0]));
        Matcher m = FOOTER.matcher(out);
        List<Integer> printed = new ArrayList<>();
        while (m.find()) {
            printed.add(Integer.parseInt(m.group(1)));
        }
        if (printsResult) {
            assertThat(printed).as(String.join(" ", verb) + " prints its result\n" + out + err).isNotEmpty();
        }
        assertThat(printed).as(String.join(" ", verb) + "\n" + out + err).allMatch(p -> p == code);
        return code;
    }

    int agreesInJson(String... verb) throws Exception {
        List<String> json = new ArrayList<>(List.of("--root", root.toString(), "--format", "json"));
        json.addAll(List.of(verb));
        int code = run(json.toArray(new String[0]));
        JsonNode r = JSON.readTree(out);
        assertThat(r.path("exitCode").asInt(-1)).as(String.join(" ", verb) + "\n" + out + err).isEqualTo(code);
        return code;
    }

    @Test
    void everyVerbThatPrintsAResultReturnsIt() throws Exception {
        assertThat(agrees(true, "validate", policy.toString())).isZero();
        assertThat(agreesInJson("validate", policy.toString())).isZero();
        assertThat(agrees(false, "validate", invalid.toString())).isEqualTo(2);
        assertThat(agreesInJson("validate", invalid.toString())).isEqualTo(2);
        assertThat(agrees(true, "plan", policy.toString())).isEqualTo(3);
        assertThat(agreesInJson("plan", policy.toString())).isEqualTo(3);
        assertThat(agrees(true, "apply", "--dry-run", policy.toString())).isEqualTo(3);
        assertThat(agreesInJson("apply", "--dry-run", policy.toString())).isEqualTo(3);
        assertThat(agrees(true, "diagnose", policy.toString())).isEqualTo(3);
        assertThat(agreesInJson("diagnose", policy.toString())).isEqualTo(3);
        assertThat(agrees(true, "diagnose")).isZero();
        assertThat(agreesInJson("diagnose")).isZero();
        assertThat(agrees(true, "check", policy.toString())).isEqualTo(3);
        assertThat(agreesInJson("check", policy.toString())).isEqualTo(3);
        assertThat(agrees(true, "leak-test", policy.toString())).isEqualTo(agreesInJson("leak-test", policy.toString()));
        assertThat(agrees(true, "apply", policy.toString())).isZero();
        assertThat(agrees(true, "check", policy.toString())).isZero();
        assertThat(agreesInJson("plan", policy.toString())).isZero();
        assertThat(agrees(true, "schedule", "run", policy.toString())).isZero();
        assertThat(agrees(true, "rollback", "--last")).isZero();
        assertThat(agreesInJson("rollback", "--last")).isEqualTo(run("--root", root.toString(), "--format", "json", "rollback", "--last"));
        assertThat(agrees(false, "confirm")).isEqualTo(agreesInJson("confirm")).isEqualTo(2);
        assertThat(agrees(false, "profile", "export", policy.toString(), "--out", tmp.resolve("p.out").toString()))
                .isEqualTo(agreesInJson("profile", "export", policy.toString(), "--out", tmp.resolve("p.out").toString()));
        assertThat(agrees(false, "status")).isZero();
        assertThat(agrees(false, "schedule", "status")).isZero();
    }

    @Test
    void diagnoseWritesTheReportTargetsAndStatusRefusesThem() throws Exception {
        Path report = tmp.resolve("out/diagnose.json");
        Path junit = tmp.resolve("out/diagnose.xml");

        int code = run("--root", root.toString(), "--report", report.toString(), "--junit", junit.toString(), "diagnose", policy.toString());

        assertThat(code).isEqualTo(3);
        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.path("command").asText()).isEqualTo("diagnose");
        assertThat(r.path("exitCode").asInt()).isEqualTo(3);
        assertThat(Files.readString(junit)).contains("<testsuite");

        for (String[] verb : new String[][] {{"status"}, {"schedule", "status"}, {"schedule", "remove"}, {"watch", policy.toString()},
                {"canary", "serve", "--zone", "leaktest.example"}}) {
            List<String> argv = new ArrayList<>(List.of("--state-dir", tmp.resolve("state").toString(), "--junit", junit.toString()));
            argv.addAll(List.of(verb));
            assertThat(run(argv.toArray(new String[0]))).as(String.join(" ", verb)).isEqualTo(2);
            assertThat(err).contains("usage error: " + String.join(" ", verb).replace(" " + policy, "").replace(" --zone leaktest.example", ""),
                    "--junit", "agent check");
        }
    }

    @Test
    void diagnoseInJsonIsAReportWithThePlatformsAndFindingsAdded() throws Exception {
        assertThat(run("--root", root.toString(), "--format", "json", "diagnose", policy.toString())).isEqualTo(3);
        JsonNode r = JSON.readTree(out);
        for (String field : List.of("result", "exitCode", "command", "policy", "host", "transaction", "durationMs", "controls",
                "probes", "messages", "platforms", "findings")) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(r.path("result").asText()).isEqualTo("non-compliant");
        assertThat(r.path("platforms").get(0).path("id").asText()).isEqualTo("test");
    }

    @Test
    void afterApplyAChangedRowSaysHowTheHostIsNow() throws Exception {
        assertThat(run("--root", root.toString(), "--format", "json", "apply", policy.toString())).isZero();
        JsonNode row = JSON.readTree(out).path("controls").get(0);
        assertThat(row.path("status").asText()).isEqualTo("changed");
        assertThat(row.path("changes").get(0).path("target").asText()).isEqualTo("/etc/resolv.conf");
        assertThat(row.path("changes").get(0).has("diff")).as("apply carries no preview").isFalse();
    }

    @Test
    void aPlanInTextSaysChangesPendingAndShowsTheDiff() throws Exception {
        assertThat(run("--root", root.toString(), "plan", policy.toString())).isEqualTo(3);
        assertThat(out).contains("result: changes pending (exit 3)", "--- a/etc/resolv.conf", "-nameserver 198.51.100.53",
                "+nameserver 203.0.113.53").doesNotContain(" 0 ms");
        assertThat(run("--root", root.toString(), "plan", "--no-diff", policy.toString())).isEqualTo(3);
        assertThat(out).doesNotContain("--- a/etc/resolv.conf");
        assertThat(run("--root", root.toString(), "--format", "json", "plan", "--no-diff", policy.toString())).isEqualTo(3);
        JsonNode change = JSON.readTree(out).path("controls").get(0).path("changes").get(0);
        assertThat(change.path("after").asText()).isEqualTo("nameserver 203.0.113.53\n");
        assertThat(change.path("diff").asText()).contains("+nameserver 203.0.113.53");
    }

    @Test
    void statusShowsAPendingTransactionPastItsDeadlineAsExpired() throws Exception {
        Path state = root.resolve("var/lib/leakguard");
        StateDir dir = new StateDir(state, new ObjectMapper());
        dir.prepare();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Host host = new Host(new HostInfo("h1", "Linux", "6"), new LocalFiles(root), c -> {
            throw new java.io.IOException("none");
        }, true, clock);
        new Engine(new MainTest.OneFilePlatform(), host, dir, Verifier.UNAVAILABLE, clock)
                .apply(PolicyArg.load(policy), List.of(), Duration.ofMinutes(10));

        now = NOW.plus(Duration.ofMinutes(5));
        assertThat(run("--root", root.toString(), "status")).isZero();
        assertThat(out).contains("pending", "unless `agent confirm");

        now = NOW.plus(Duration.ofMinutes(11));
        assertThat(run("--root", root.toString(), "status")).isZero();
        assertThat(out).contains("expired", "not confirmed by 2026-11-23T10:10:00Z").doesNotContain("pending");
        assertThat(run("--root", root.toString(), "--format", "json", "status")).isZero();
        assertThat(JSON.readTree(out).path("transactions").get(0).path("state").asText()).isEqualTo("expired");
    }
}
