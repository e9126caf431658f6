package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;

/** The real command line with captured streams and a platform of one file control, under --root. */
class MainTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    Path root;
    Path policy;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        root = image(tmp);
        policy = policy(tmp, "cli-test");
    }

    /** An image under {@code tmp} whose resolv.conf names the "ISP" resolver. */
    static Path image(Path tmp) throws java.io.IOException {
        Path root = tmp.resolve("image");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 198.51.100.53\n");
        return root;
    }

    /** A policy named {@code name} that pins 203.0.113.53 and sends no probe. */
    static Path policy(Path tmp, String name) throws java.io.IOException {
        Path policy = tmp.resolve("p.yaml");
        Files.writeString(policy, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: %s}
                spec:
                  resolvers: {servers: [203.0.113.53]}
                  verify: {probes: false}
                """.formatted(name));
        return policy;
    }

    int run(String... args) {
        Context ctx = new Context(List.of(new OneFilePlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new java.io.IOException("no commands");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void planPrintsTheChangeAndExitsThreeWithoutChangingAnything() throws Exception {
        int code = run("--root", root.toString(), "--format", "json", "plan", policy.toString());

        assertThat(code).isEqualTo(3);
        JsonNode r = JSON.readTree(out.toString());
        assertThat(r.path("result").asText()).isEqualTo("non-compliant");
        assertThat(r.path("policy").path("name").asText()).isEqualTo("cli-test");
        assertThat(r.path("policy").path("sha256").asText()).hasSize(64);
        assertThat(r.path("host").path("os").asText()).isEqualTo("Linux");
        assertThat(r.path("controls").get(0).path("changes").get(0).path("target").asText()).isEqualTo("/etc/resolv.conf");
        for (String field : List.of("result", "policy", "host", "transaction", "durationMs", "controls", "probes")) {
            assertThat(r.has(field)).as(field).isTrue();
        }
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).contains("198.51.100.53");
    }

    @Test
    void applyUnderRootKeepsItsJournalInTheImageAndReportsToAFile() throws Exception {
        Path report = tmp.resolve("out/report.json");

        int code = run("--root", root.toString(), "--report", report.toString(), "apply", policy.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("resolvers", "changed", "result: remediated (exit 0)");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 203.0.113.53\n");
        assertThat(root.resolve("var/lib/leakguard/transactions")).isDirectory();
        JsonNode r = JSON.readTree(report.toFile());
        assertThat(r.path("result").asText()).isEqualTo("remediated");
        assertThat(r.path("transaction").asText()).isNotBlank();
    }

    @Test
    void statusAndRollbackByTransactionId() throws Exception {
        run("--root", root.toString(), "apply", policy.toString());
        out.getBuffer().setLength(0);
        run("--root", root.toString(), "--format", "json", "status");
        String txid = JSON.readTree(out.toString()).path("transactions").get(0).path("id").asText();

        int code = run("--root", root.toString(), "rollback", txid);

        assertThat(code).as(err.toString()).isZero();
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 198.51.100.53\n");
    }

    @Test
    void anUnknownTransactionIsAUsageError() {
        int code = run("--root", root.toString(), "rollback", "20990101T000000Z-abcdef");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("no transaction 20990101T000000Z-abcdef").doesNotContain("Exception");
    }

    @Test
    void aMissingPolicyFileIsExitTwoWithAMessageAndNoStackTrace() {
        int code = run("--root", root.toString(), "apply", tmp.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("nope.yaml").doesNotContain("at org.");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(run("apply", "--bogus", policy.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void aVerbHasItsOwnHelpAndATypoListsTheVerbs() {
        assertThat(run("check", "--help")).isZero();
        assertThat(out.toString()).contains("Usage: agent check", "FILE");
        assertThat(run("chek", "x.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("leak-test", "rollback");
    }

    @Test
    void helpListsTheExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Exit codes:", "5   rollback incomplete");
    }

    /** A platform whose one control pins the servers into /etc/resolv.conf as the whole file. */
    static final class OneFilePlatform implements Platform {
        @Override
        public String id() {
            return "test";
        }

        @Override
        public Optional<String> unavailabilityCause(HostInfo host) {
            return Optional.empty();
        }

        @Override
        public List<Control<?>> controls() {
            return List.of(new Control<Optional<String>>() {
                @Override
                public String id() {
                    return "resolvers";
                }

                @Override
                public boolean governs(Spec spec) {
                    return spec.resolvers() != null;
                }

                @Override
                public Optional<String> observe(Spec spec, Host host) throws java.io.IOException {
                    return host.files().readString("/etc/resolv.conf");
                }

                @Override
                public Assessment plan(Spec spec, Optional<String> observed) {
                    String want = "nameserver " + spec.resolvers().servers().get(0).getHostAddress() + "\n";
                    return observed.filter(want::equals).isPresent()
                            ? Assessment.of(List.of(), List.of())
                            : Assessment.of(List.of(WriteFile.text("/etc/resolv.conf", want, null, "pin")), List.of());
                }
            });
        }
    }
}
