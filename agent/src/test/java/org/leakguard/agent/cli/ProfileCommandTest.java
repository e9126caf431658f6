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
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Profile;

/** {@code agent profile export}: the platform is chosen by id, the host is neither read nor changed. */
class ProfileCommandTest {
    @TempDir
    Path tmp;

    Path policy;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** A platform that declines this host yet has a profile, as macOS does on a Linux build host. */
    record ProfilePlatform(String id) implements Platform {
        @Override
        public Optional<String> unavailabilityCause(HostInfo host) {
            return Optional.of("not this host");
        }

        @Override
        public List<Control<?>> controls() {
            return List.of();
        }

        @Override
        public Optional<Profile> profile(Spec spec) {
            return spec.resolvers() == null ? Optional.empty()
                    : Optional.of(new Profile("x.mobileconfig", "<plist>" + spec.resolvers().servers().size() + "</plist>\n",
                            List.of("install it in System Settings")));
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        policy = tmp.resolve("p.yaml");
        Files.writeString(policy, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: profile-test}
                spec:
                  resolvers: {servers: [203.0.113.53]}
                """);
    }

    int run(String... args) {
        Context ctx = new Context(List.of(new ProfilePlatform("linux-like"), new ProfilePlatform("macos")),
                new HostInfo("h1", "Linux", "6"), c -> {
                    throw new java.io.IOException("no commands may run");
                }, Verifier.UNAVAILABLE, Clock.systemUTC());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void exportsTheNamedPlatformsProfileOnAnyHostAndTheSameBytesTwice() throws Exception {
        Path target = tmp.resolve("out/leakguard.mobileconfig");

        assertThat(run("--format", "json", "profile", "export", policy.toString(), "--out", target.toString())).isEqualTo(0);
        byte[] first = Files.readAllBytes(target);
        assertThat(run("profile", "export", policy.toString(), "--out", target.toString())).isEqualTo(0);

        assertThat(new String(first, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("<plist>1</plist>\n");
        assertThat(Files.readAllBytes(target)).isEqualTo(first);
        JsonNode r = new ObjectMapper().readTree(out.toString().substring(0, out.toString().indexOf("\n}") + 2));
        assertThat(r.path("result").asText()).isEqualTo("valid");
        assertThat(r.path("command").asText()).isEqualTo("profile export");
        assertThat(r.path("messages").get(0).asText()).startsWith("wrote " + target).contains("sha256", "platform macos");
        assertThat(r.path("messages").get(1).asText()).isEqualTo("install it in System Settings");
        try (var files = Files.list(target.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("leakguard.mobileconfig");
        }
    }

    @Test
    void anUnknownPlatformIsAUsageErrorAndWritesNothing() {
        Path target = tmp.resolve("x.mobileconfig");

        assertThat(run("profile", "export", policy.toString(), "--out", target.toString(), "--platform", "beos")).isEqualTo(2);

        assertThat(err.toString()).contains("no installed platform is named beos", "linux-like, macos");
        assertThat(target).doesNotExist();
    }

    @Test
    void aPolicyWithNothingForTheProfileExitsTwoAndWritesNothing() throws Exception {
        Files.writeString(policy, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: empty}
                spec: {}
                """);
        Path target = tmp.resolve("x.mobileconfig");

        assertThat(run("profile", "export", policy.toString(), "--out", target.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("asks for nothing that platform macos puts in a profile");
        assertThat(target).doesNotExist();
    }

    @Test
    void outIsRequired() {
        assertThat(run("profile", "export", policy.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--out");
    }
}
