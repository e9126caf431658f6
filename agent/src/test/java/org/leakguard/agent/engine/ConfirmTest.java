package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;

/** apply --confirm-within: pending until confirmed, rolled back by the first run after the deadline. */
class ConfirmTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    Path resolv;
    Instant now = Instant.parse("2026-11-23T10:00:00Z");
    final List<Control<?>> controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"));

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(tmp);
        resolv = fx.root.resolve("etc/resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "nameserver 198.51.100.53\n");
    }

    Engine engine() throws Exception {
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        StateDir state = new StateDir(fx.stateDir, new ObjectMapper());
        state.prepare();
        Host host = new Host(EngineFixture.INFO, fx.files, c -> {
            throw new java.io.IOException("none");
        }, false, clock);
        return new Engine(EngineFixture.platform(controls), host, state, Verifier.UNAVAILABLE, clock);
    }

    @Test
    void aPendingTransactionConfirmedInTimeStays() throws Exception {
        Report applied = engine().apply(EngineFixture.policy(EngineTest.PIN), List.of(), Duration.ofMinutes(10));
        assertThat(applied.result()).isEqualTo(Result.REMEDIATED);
        assertThat(applied.messages()).anyMatch(m -> m.contains("pending until 2026-11-23T10:10:00Z"));
        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.PENDING);

        now = now.plus(Duration.ofMinutes(9));
        assertThat(engine().recover()).isEmpty();
        engine().confirm(Optional.empty(), List.of());
        now = now.plus(Duration.ofHours(1));

        assertThat(engine().recover()).isEmpty();
        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.COMMITTED);
        assertThat(Files.readString(resolv)).contains("203.0.113.53");
    }

    @Test
    void anUnconfirmedTransactionIsRolledBackByTheFirstRunAfterItsDeadline() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of(), Duration.ofMinutes(10));
        now = now.plus(Duration.ofMinutes(11));

        List<String> said = engine().recover();

        assertThat(said).singleElement().asString().contains("not confirmed before");
        assertThat(Files.readString(resolv)).isEqualTo("nameserver 198.51.100.53\n");
        assertThatThrownBy(() -> engine().confirm(Optional.empty(), List.of()))
                .hasMessageContaining("no transaction awaits confirmation");
    }

    @Test
    void anotherApplyIsRefusedWhileOneIsPending() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of(), Duration.ofMinutes(10));

        assertThatThrownBy(() -> engine().apply(EngineFixture.policy(EngineTest.PIN), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("awaits confirmation");
    }
}
