package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;

/**
 * Undo is complete: after apply, drift, repair and the apply of a changed policy, {@code rollback
 * --all} gives back the tree exactly (bytes, modes, and no folder left behind), and {@code --last}
 * takes back a policy's apply together with its repairs.
 */
class UndoCompleteTest {
    static final String OTHER = "  resolvers: {servers: [203.0.113.54]}\n  verify: {probes: false}\n";

    @TempDir
    Path tmp;

    EngineFixture fx;
    List<Control<?>> controls;

    @BeforeEach
    void setUp() throws IOException {
        fx = new EngineFixture(tmp);
        Files.createDirectories(fx.root.resolve("etc"));
        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 198.51.100.53\n");
        controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"),
                new PinFileControl("deep", "/etc/chromium/policies/managed/leakguard.json"));
    }

    Engine engine(Clock clock) throws IOException {
        return new Engine(EngineFixture.platform(controls), fx.host(fx.files, c -> {
            throw new IOException("no commands in this test");
        }), fx.state(), org.leakguard.agent.probe.Verifier.UNAVAILABLE, clock);
    }

    Engine engine() throws IOException {
        return engine(Clock.systemUTC());
    }

    @Test
    void rollbackAllAfterApplyDriftRepairAndAChangedPolicyGivesBackTheTreeByteForByte() throws Exception {
        Map<String, String> before = tree(fx.root);
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        assertThat(engine().apply(EngineFixture.policy(EngineTest.PIN), List.of()).result()).isEqualTo(Result.REMEDIATED);
        assertThat(engine().apply(EngineFixture.policy(OTHER), List.of()).result()).isEqualTo(Result.REMEDIATED);
        assertThat(fx.root.resolve("etc/chromium/policies/managed")).isDirectory();

        Report r = engine().rollbackAll(List.of());

        assertThat(r.result()).as(r.messages().toString()).isEqualTo(Result.ROLLED_BACK);
        assertThat(r.messages()).hasSize(3);
        assertThat(tree(fx.root)).isEqualTo(before);
        assertThat(engine().rollbackAll(List.of()).messages()).anyMatch(m -> m.startsWith("nothing to roll back"));
    }

    @Test
    void aFolderThatNowHoldsSomeoneElsesFileStays() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Files.writeString(fx.root.resolve("etc/chromium/policies/theirs.json"), "{}");

        assertThat(engine().rollbackAll(List.of()).result()).isEqualTo(Result.ROLLED_BACK);

        assertThat(fx.root.resolve("etc/chromium/policies/theirs.json")).exists();
        assertThat(fx.root.resolve("etc/chromium/policies/managed")).doesNotExist();
    }

    @Test
    void lastTakesBackTheApplyWithItsRepairNotJustTheRepair() throws Exception {
        Map<String, String> before = tree(fx.root);
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        assertThat(Engine.lastRollback(fx.state().list())).hasSize(2);

        Report r = engine().rollback(Optional.empty(), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(tree(fx.root)).isEqualTo(before);
        assertThatThrownBy(() -> engine().rollback(Optional.empty(), List.of())).hasMessageContaining("nothing to roll back");
    }

    @Test
    void lastAfterAChangedPolicyGoesBackToTheEarlierPolicyOnly() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        engine().apply(EngineFixture.policy(OTHER), List.of());

        engine().rollback(Optional.empty(), List.of());

        assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 203.0.113.53\n");
        assertThat(Engine.lastRollback(fx.state().list())).hasSize(1);
    }

    /** Four applies in one second, alternating policies: each rollback --last undoes the newest. */
    @Test
    void transactionsInTheSameSecondAreUndoneInTheOrderTheyRan() throws Exception {
        Clock sameSecond = Clock.fixed(Instant.parse("2026-12-06T21:00:00Z"), ZoneOffset.UTC);
        String[] policies = {EngineTest.PIN, OTHER, EngineTest.PIN, OTHER};
        for (String p : policies) {
            assertThat(engine(sameSecond).apply(EngineFixture.policy(p), List.of()).result()).isEqualTo(Result.REMEDIATED);
        }
        List<String> expected = List.of("nameserver 203.0.113.53\n", "nameserver 203.0.113.54\n", "nameserver 203.0.113.53\n",
                "nameserver 198.51.100.53\n");
        for (String content : expected) {
            engine(sameSecond).rollback(Optional.empty(), List.of());
            assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo(content);
        }
    }

    /** Two runs killed before they committed, in the same second: recovery undoes the newer first. */
    @Test
    void recoveryUndoesUnfinishedTransactionsNewestFirst() throws Exception {
        Map<String, String> before = tree(fx.root);
        Clock sameSecond = Clock.fixed(Instant.parse("2026-12-06T21:00:00Z"), ZoneOffset.UTC);
        engine(sameSecond).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        engine(sameSecond).apply(EngineFixture.policy(OTHER), List.of());
        try (Stream<Path> dirs = Files.list(fx.stateDir.resolve("transactions"))) {
            for (Path dir : dirs.toList()) {
                Path journal = dir.resolve(Journal.FILE);
                Files.write(journal, Files.readAllLines(journal).stream().filter(l -> !l.contains("\"committed\"")).toList());
            }
        }

        List<String> said = engine(sameSecond).recover();

        assertThat(said).hasSize(2).allMatch(m -> m.contains("left unfinished"));
        assertThat(said.get(0)).contains("-00000002");
        assertThat(tree(fx.root)).isEqualTo(before);
    }

    @Test
    void theSequenceOutlivesALostSequenceFile() throws Exception {
        engine().apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Files.delete(fx.stateDir.resolve(TxOrder.FILE));
        engine().apply(EngineFixture.policy(OTHER), List.of());

        assertThat(fx.state().list()).extracting(t -> TxOrder.sequence(t.id())).containsExactly(1L, 2L);
    }

    /** Relative paths to a text summary of every file and folder: content, mode, and link target. */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String mode = Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "dir" : Files.readString(p);
                out.put(root.relativize(p).toString(), mode + " " + what);
            }
        }
        return out;
    }
}
