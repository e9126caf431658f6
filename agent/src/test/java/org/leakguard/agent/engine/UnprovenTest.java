package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;

/**
 * A policy without a verify section is applied and kept, but not reported as remediated: nothing
 * was probed. An explicit {@code verify: {probes: false}} accepts the re-read state as proof.
 */
class UnprovenTest {
    @TempDir
    Path tmp;

    @Test
    void noVerifySectionIsAppliedButNotProvenExitThree() throws Exception {
        EngineFixture fx = new EngineFixture(tmp);
        Files.createDirectories(fx.root.resolve("etc"));
        var controls = List.<org.leakguard.agent.spi.Control<?>>of(new PinFileControl("resolvers", "/etc/resolv.conf"));

        Report r = fx.engine(controls, fx.files).apply(EngineFixture.policy("  resolvers: {servers: [203.0.113.53]}\n"), List.of());

        assertThat(r.result()).isEqualTo(Result.NON_COMPLIANT);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.messages()).anyMatch(m -> m.startsWith("applied but not proven") && m.contains("verify: {}"));
        assertThat(fx.root.resolve("etc/resolv.conf")).hasContent("nameserver 203.0.113.53");
        assertThat(fx.state().list()).singleElement().extracting(Transaction::state).isEqualTo(Transaction.State.COMMITTED);

        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        assertThat(fx.engine(controls, fx.files).apply(EngineFixture.policy(EngineTest.PIN), List.of()).result())
                .isEqualTo(Result.REMEDIATED);
    }
}
