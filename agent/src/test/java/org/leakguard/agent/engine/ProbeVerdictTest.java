package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.ProbeReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;

/** How probe results decide apply: a leak rolls back, an unknown keeps the change but proves nothing. */
class ProbeVerdictTest {
    static final String SPEC = "  resolvers: {servers: [203.0.113.53]}\n  verify: {probes: true}\n";

    @TempDir
    Path tmp;

    EngineFixture fx;
    Path resolv;
    final List<Control<?>> controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"));

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(tmp);
        resolv = fx.root.resolve("etc/resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "nameserver 198.51.100.53\n");
    }

    static Verifier answering(Boolean passed) {
        return (spec, previous) -> List.of(new ProbeReport("dns-udp", "198.51.100.53", "unreachable", "seen", passed, 3));
    }

    @Test
    void aLeakingProbeRollsTheChangeBackAndNamesTheProbe() throws Exception {
        Report r = fx.engine(controls, fx.files, answering(false)).apply(EngineFixture.policy(SPEC), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(r.messages()).anyMatch(m -> m.contains("probe dns-udp 198.51.100.53"));
        assertThat(Files.readString(resolv)).isEqualTo("nameserver 198.51.100.53\n");
    }

    @Test
    void anUnknownProbeKeepsTheChangeButIsNotCompliant() throws Exception {
        Report r = fx.engine(controls, fx.files, answering(null)).apply(EngineFixture.policy(SPEC), List.of());

        assertThat(r.result()).isEqualTo(Result.NON_COMPLIANT);
        assertThat(r.messages()).anyMatch(m -> m.contains("could not tell"));
        assertThat(Files.readString(resolv)).contains("203.0.113.53");
    }

    @Test
    void checkIsCompliantOnlyWhenEveryProbePassed() throws Exception {
        fx.engine(controls, fx.files, answering(true)).apply(EngineFixture.policy(SPEC), List.of());

        assertThat(fx.engine(controls, fx.files, answering(true)).check(EngineFixture.policy(SPEC), List.of()).exitCode()).isZero();
        assertThat(fx.engine(controls, fx.files, answering(null)).check(EngineFixture.policy(SPEC), List.of()).exitCode()).isEqualTo(3);
        assertThat(fx.engine(controls, fx.files, answering(false)).check(EngineFixture.policy(SPEC), List.of()).exitCode()).isEqualTo(3);
    }

    @Test
    void aRouteWithNeitherProbeNameNorCanaryIsAWarningThatLeavesTheRunCompliant() throws Exception {
        String routed = "  resolvers:\n    servers: [203.0.113.53]\n    routes:\n      - domains: [corp.example]\n"
                + "        servers: [192.0.2.53]\n  verify: {probes: true}\n";
        fx.engine(controls, fx.files, answering(true)).apply(EngineFixture.policy(routed), List.of());

        Report r = fx.engine(controls, fx.files, answering(true)).check(EngineFixture.policy(routed), List.of());

        assertThat(r.result()).isEqualTo(Result.COMPLIANT);
        assertThat(r.messages()).contains("warning: route corp.example is not verified: give it a probeName or a canary");
        assertThat(r.probes()).extracting(ProbeReport::kind).containsExactly("dns-udp");
    }
}
