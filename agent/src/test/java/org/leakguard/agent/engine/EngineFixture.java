package org.leakguard.agent.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;

/** A host root and a state folder in temporary folders, with a platform made of given controls. */
final class EngineFixture {
    static final HostInfo INFO = new HostInfo("test-host", "Linux", "6.0");
    final Path root;
    final Path stateDir;
    final LocalFiles files;

    EngineFixture(Path tmp) {
        this.root = tmp.resolve("root");
        this.stateDir = tmp.resolve("state");
        this.files = new LocalFiles(root);
    }

    static Platform platform(List<Control<?>> controls) {
        return platform("test", controls, Optional.empty());
    }

    /** A platform with this id whose machine id (for a policy's rollout) is {@code machineId}. */
    static Platform platform(String id, List<Control<?>> controls, Optional<String> machineId) {
        return new Platform() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Optional<String> machineId(Host host) {
                return machineId;
            }

            @Override
            public Optional<String> unavailabilityCause(HostInfo host) {
                return Optional.empty();
            }

            @Override
            public List<Control<?>> controls() {
                return controls;
            }
        };
    }

    Host host(Files f, Commands commands) {
        return new Host(INFO, f, commands, false, Clock.systemUTC());
    }

    StateDir state() throws java.io.IOException {
        StateDir s = new StateDir(stateDir, new ObjectMapper());
        s.prepare();
        return s;
    }

    Engine engine(List<Control<?>> controls, Files f) throws java.io.IOException {
        return engine(controls, f, Verifier.UNAVAILABLE);
    }

    Engine engine(List<Control<?>> controls, Files f, Verifier verifier) throws java.io.IOException {
        return new Engine(platform(controls), host(f, c -> {
            throw new java.io.IOException("no commands in this test");
        }), state(), verifier, Clock.systemUTC());
    }

    static LoadedPolicy policy(String spec) throws Exception {
        String yaml = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: test}\nspec:\n" + spec;
        return new PolicyLoader().parse("test.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }
}
