package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/** A service reloaded during apply is reloaded again after rollback, and then reads its old file. */
class ReloadTest {
    @TempDir
    Path tmp;

    @Test
    void rollbackReloadsTheServiceAfterItsFileIsRestored() throws Exception {
        EngineFixture fx = new EngineFixture(tmp);
        Path conf = fx.root.resolve("etc/svc.conf");
        Files.createDirectories(conf.getParent());
        Files.writeString(conf, "dns=default\n");
        List<String> seenAtReload = new ArrayList<>();
        Commands recording = c -> {
            seenAtReload.add(Files.readString(conf).strip());
            return new CommandResult(0, "", "");
        };
        Host host = fx.host(fx.files, recording);
        List<Control<?>> controls = List.of(new ConfWithReload());

        new Engine(EngineFixture.platform(controls), host, fx.state(), Verifier.UNAVAILABLE, Clock.systemUTC())
                .apply(EngineFixture.policy(EngineTest.PIN), List.of());
        new Engine(EngineFixture.platform(controls), host, fx.state(), Verifier.UNAVAILABLE, Clock.systemUTC())
                .rollback(Optional.empty(), List.of());

        assertThat(seenAtReload).containsExactly("dns=none", "dns=default");
        assertThat(Files.readString(conf)).isEqualTo("dns=default\n");
    }

    static final class ConfWithReload implements Control<String> {
        @Override
        public String id() {
            return "svc";
        }

        @Override
        public boolean governs(Spec spec) {
            return true;
        }

        @Override
        public String observe(Spec spec, Host host) throws java.io.IOException {
            return host.files().readString("/etc/svc.conf").orElse("");
        }

        @Override
        public Assessment plan(Spec spec, String observed) {
            if (observed.equals("dns=none\n")) {
                return Assessment.of(List.of(), List.of());
            }
            return Assessment.of(List.of(WriteFile.text("/etc/svc.conf", "dns=none\n", null, "own dns"),
                    new Reload(List.of("systemctl", "reload", "svc"), "read it")), List.of());
        }
    }
}
