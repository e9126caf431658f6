package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.ControlReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.Status;

/** spec.appliesTo and spec.rollout: a host out of scope is reported not-applicable, with the rule, and never changed. */
class ScopeTest {
    static final String MACHINE_ID = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path tmp;

    EngineFixture fx;
    final List<Control<?>> controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"));

    @BeforeEach
    void setUp() throws IOException {
        fx = new EngineFixture(tmp);
        Files.createDirectories(fx.root.resolve("etc/leakguard"));
        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 198.51.100.53\n");
    }

    Engine engine(String platformId, String hostName, Optional<String> machineId) throws IOException {
        Platform platform = EngineFixture.platform(platformId, controls, machineId);
        Host host = new Host(new HostInfo(hostName, "Linux", "6"), fx.files, c -> {
            throw new IOException("no commands");
        }, false, Clock.systemUTC());
        return new Engine(platform, host, fx.state(), Verifier.UNAVAILABLE, Clock.systemUTC());
    }

    static LoadedPolicy policy(String targeting) throws Exception {
        return policy("web-fleet", targeting);
    }

    /** The policy's name seeds its rollout buckets. */
    static LoadedPolicy policy(String name, String targeting) throws Exception {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: " + name + "}\nspec:\n"
                + "  resolvers: {servers: [203.0.113.53]}\n  verify: {probes: false}\n" + targeting;
        return new PolicyLoader().parse("p.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "os | '  appliesTo: {os: [windows, macos]}' | spec.appliesTo.os is [windows, macos] and this host is linux",
        "hostname | '  appliesTo: {hostnames: [\"db-*\", \"*.db.corp.example\"]}'"
                + " | spec.appliesTo.hostnames [db-*, *.db.corp.example] does not match this host's name web-01.corp.example",
        "label value | '  appliesTo: {labels: {role: db}}' | spec.appliesTo.labels asks for role=db and /etc/leakguard/labels.yaml has role=web",
        "label absent | '  appliesTo: {labels: {rack: r1}}' | spec.appliesTo.labels asks for rack=r1 and /etc/leakguard/labels.yaml has no rack",
        "rollout 0 | '  rollout: {percent: 0}' | spec.rollout.percent is 0: no host is in this rollout yet",
        // web-fleet's bucket for MACHINE_ID is 83 (RolloutBucketTest pins it).
        "rollout 83 | '  rollout: {percent: 83}' | spec.rollout.percent is 83 and this host's bucket is 83"})
    void aHostOutOfScopeIsNotApplicableAndUntouched(String rule, String targeting, String why) throws Exception {
        Files.writeString(fx.root.resolve("etc/leakguard/labels.yaml"), "role: web\nenv: prod\n");
        Engine engine = engine("linux", "web-01.corp.example", Optional.of(MACHINE_ID));
        LoadedPolicy policy = policy(targeting);

        for (Report r : List.of(engine.plan(policy, "plan", List.of()), engine.check(policy, List.of()),
                engine.apply(policy, List.of()))) {
            assertThat(r.result()).as(r.command()).isEqualTo(Result.NOT_APPLICABLE);
            assertThat(r.exitCode()).isZero();
            assertThat(r.transaction()).isNull();
            assertThat(r.controls()).extracting(ControlReport::id).containsExactly("resolvers");
            assertThat(r.controls()).extracting(ControlReport::status).containsOnly(Status.NOT_APPLICABLE);
            assertThat(r.controls().get(0).findings().get(0).message()).contains(why);
            assertThat(r.messages()).anySatisfy(m -> assertThat(m).startsWith("out of scope: ").contains(why));
        }
        assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 198.51.100.53\n");
        assertThat(fx.stateDir.resolve("transactions")).isEmptyDirectory();
    }

    @Test
    void aHostInScopeIsPlannedAndAppliedAsUsual() throws Exception {
        Files.writeString(fx.root.resolve("etc/leakguard/labels.yaml"), "# provisioned\nrole: web\nenv: prod\n");
        Engine engine = engine("linux", "WEB-01.corp.example", Optional.of(MACHINE_ID));
        LoadedPolicy policy = policy("  appliesTo: {os: [linux], hostnames: [\"web-??.*\"],"
                + " labels: {role: web, env: prod}}\n  rollout: {percent: 84}\n");

        Report r = engine.apply(policy, List.of());

        assertThat(r.result()).as(r.messages().toString()).isEqualTo(Result.REMEDIATED);
        assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 203.0.113.53\n");
    }

    @Test
    void withoutAMachineIdAHostJoinsOnlyAtOneHundredPercent() throws Exception {
        Engine engine = engine("linux", "h", Optional.empty());

        Report held = engine.check(policy("  rollout: {percent: 99}\n"), List.of());
        Report all = engine.check(policy("  rollout: {percent: 100}\n"), List.of());

        assertThat(held.result()).isEqualTo(Result.NOT_APPLICABLE);
        assertThat(held.messages()).anySatisfy(m -> assertThat(m).contains("no machine id"));
        assertThat(all.result()).isEqualTo(Result.NON_COMPLIANT);
    }

    @Test
    void aMissingLabelsFileLeavesTheHostOutAndSaysSo() throws Exception {
        Report r = engine("linux", "h", Optional.of(MACHINE_ID)).check(policy("  appliesTo: {labels: {role: web}}\n"), List.of());

        assertThat(r.result()).isEqualTo(Result.NOT_APPLICABLE);
        assertThat(r.messages()).anySatisfy(m -> assertThat(m).contains("has no labels file /etc/leakguard/labels.yaml"));
    }

    /** A broken labels file is the admin's mistake to see, not a quiet reason to skip the host. */
    @Test
    void aBrokenLabelsFileIsRefusedWithItsLine() throws Exception {
        Files.writeString(fx.root.resolve("etc/leakguard/labels.yaml"), "role: web\nenv: [prod]\n");
        Engine engine = engine("linux", "h", Optional.of(MACHINE_ID));

        assertThatThrownBy(() -> engine.check(policy("  appliesTo: {labels: {role: web}}\n"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("/etc/leakguard/labels.yaml:2:")
                .hasMessageContaining("env: expected text, found a list");
        assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 198.51.100.53\n");
    }

    @Test
    void globsMatchTheWholeNameIgnoringCase() {
        assertThat(Scope.matches("web-*", "WEB-01.corp.example")).isTrue();
        assertThat(Scope.matches("web-?", "web-1")).isTrue();
        assertThat(Scope.matches("web-?", "web-12")).isFalse();
        assertThat(Scope.matches("*.corp.example", "corp.example")).isFalse();
        assertThat(Scope.matches("web.1", "webx1")).isFalse();
    }
}
