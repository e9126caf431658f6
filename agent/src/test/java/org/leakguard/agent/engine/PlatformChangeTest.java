package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.change.PlatformImage;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/** A platform's own change kind goes through the journal and comes back for rollback and recovery. */
class PlatformChangeTest {

    /** A port only this test's platform knows: named values, like a registry. */
    static final class Memo {
        final Map<String, String> values = new ConcurrentHashMap<>();
    }

    @JsonTypeName("test-memo-image")
    record MemoImage(String value) implements PlatformImage {}

    @JsonTypeName("test-memo-value")
    record SetMemo(String name, String value) implements PlatformChange {
        @Override
        public String target() {
            return "memo:" + name;
        }

        @Override
        public String summary() {
            return "set " + name;
        }

        @Override
        public BeforeImage capture(Host host) {
            return new MemoImage(host.port(Memo.class).orElseThrow().values.get(name));
        }

        @Override
        public void apply(Host host) {
            host.port(Memo.class).orElseThrow().values.put(name, value);
        }

        @Override
        public void undo(Host host, BeforeImage before) {
            String old = ((MemoImage) before).value();
            Map<String, String> values = host.port(Memo.class).orElseThrow().values;
            if (old == null) {
                values.remove(name);
            } else {
                values.put(name, old);
            }
        }
    }

    record MemoControl() implements Control<Optional<String>> {
        @Override
        public String id() {
            return "resolvers";
        }

        @Override
        public boolean governs(Spec spec) {
            return spec.resolvers() != null;
        }

        @Override
        public Optional<String> observe(Spec spec, Host host) {
            return Optional.ofNullable(host.port(Memo.class).orElseThrow().values.get("dns"));
        }

        @Override
        public Assessment plan(Spec spec, Optional<String> observed) {
            return observed.equals(Optional.of("pinned")) ? Assessment.of(List.of(), List.of())
                    : Assessment.of(List.of(new SetMemo("dns", "pinned")), List.of());
        }
    }

    @TempDir
    Path tmp;

    final Memo memo = new Memo();

    Engine engine() throws Exception {
        EngineFixture fx = new EngineFixture(tmp);
        ObjectMapper json = new ObjectMapper();
        json.registerSubtypes(SetMemo.class, MemoImage.class);
        StateDir state = new StateDir(fx.stateDir, json);
        state.prepare();
        Host host = fx.host(fx.files, c -> {
            throw new java.io.IOException("no commands");
        }).with(Memo.class, memo);
        return new Engine(EngineFixture.platform(List.of(new MemoControl())), host, state, Verifier.UNAVAILABLE, Clock.systemUTC());
    }

    @Test
    void aPlatformChangeIsJournaledAndRolledBackFromTheJournal() throws Exception {
        memo.values.put("dns", "dhcp");
        var policy = EngineFixture.policy(EngineTest.PIN);

        assertThat(engine().apply(policy, List.of()).result()).isEqualTo(Result.REMEDIATED);
        assertThat(memo.values).containsEntry("dns", "pinned");

        assertThat(engine().rollback(Optional.empty(), List.of()).result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(memo.values).containsEntry("dns", "dhcp");
    }

    @Test
    void aValueThatDidNotExistIsRemovedAgain() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());

        engine().rollback(Optional.empty(), List.of());

        assertThat(memo.values).doesNotContainKey("dns");
    }

    @Test
    void aHostWithoutThePortSaysSo() {
        Host bare = new EngineFixture(tmp).host(new EngineFixture(tmp).files, c -> null);
        assertThat(bare.port(Memo.class)).isEmpty();
        assertThat(bare.with(Memo.class, memo).port(Memo.class)).containsSame(memo);
    }
}
