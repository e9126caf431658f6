package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Status;

class EngineTest {
    static final String PIN = "  resolvers: {servers: [203.0.113.53]}\n  verify: {probes: false}\n";

    @TempDir
    Path tmp;

    EngineFixture fx;
    Path resolv;
    Path other;
    List<Control<?>> controls;

    @BeforeEach
    void setUp() throws IOException {
        fx = new EngineFixture(tmp);
        resolv = fx.root.resolve("etc/resolv.conf");
        other = fx.root.resolve("etc/other.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "# isp\nnameserver 198.51.100.53\n");
        Files.setPosixFilePermissions(resolv, PosixFilePermissions.fromString("rw-r-----"));
        controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"), new PinFileControl("other", "/etc/other.conf"));
    }

    @Test
    void planListsChangesAndTouchesNothing() throws Exception {
        Report r = fx.engine(controls, fx.files).plan(EngineFixture.policy(PIN), "plan", List.of());

        assertThat(r.result()).isEqualTo(Result.NON_COMPLIANT);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.controls()).extracting(c -> c.changes().get(0).target()).containsExactly("/etc/resolv.conf", "/etc/other.conf");
        assertThat(Files.readString(resolv)).contains("198.51.100.53");
        assertThat(other).doesNotExist();
    }

    @Test
    void applyCommitsAndASecondApplyChangesNothing() throws Exception {
        LoadedPolicy policy = EngineFixture.policy(PIN);
        Report first = fx.engine(controls, fx.files).apply(policy, List.of());

        assertThat(first.result()).isEqualTo(Result.REMEDIATED);
        assertThat(first.controls()).extracting(c -> c.status()).containsOnly(Status.CHANGED);
        assertThat(Files.readString(resolv)).isEqualTo("nameserver 203.0.113.53\n");
        assertThat(fx.state().list()).singleElement().extracting(Transaction::state).isEqualTo(Transaction.State.COMMITTED);

        Report second = fx.engine(controls, fx.files).apply(policy, List.of());
        assertThat(second.result()).isEqualTo(Result.COMPLIANT);
        assertThat(second.transaction()).isNull();
        assertThat(fx.state().list()).hasSize(1);
    }

    @Test
    void rollbackRestoresBytesModeAndRemovesCreatedFiles() throws Exception {
        byte[] before = Files.readAllBytes(resolv);
        fx.engine(controls, fx.files).apply(EngineFixture.policy(PIN), List.of());

        Report r = fx.engine(controls, fx.files).rollback(Optional.empty(), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readAllBytes(resolv)).isEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(resolv))).isEqualTo("rw-r-----");
        assertThat(other).doesNotExist();
        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.ROLLED_BACK);
    }

    @Test
    void rollbackOfUnknownOrAlreadyRolledBackTransactionIsRefused() throws Exception {
        fx.engine(controls, fx.files).apply(EngineFixture.policy(PIN), List.of());
        fx.engine(controls, fx.files).rollback(Optional.empty(), List.of());

        assertThatThrownBy(() -> fx.engine(controls, fx.files).rollback(Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nothing to roll back");
        assertThatThrownBy(() -> fx.engine(controls, fx.files).rollback(Optional.of("nope"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no transaction nope");
    }

    @Test
    void aFailingChangeRollsBackEverythingBeforeIt() throws Exception {
        byte[] before = Files.readAllBytes(resolv);
        FaultyFiles faulty = new FaultyFiles(fx.files, "/etc/other.conf", false);

        Report r = fx.engine(controls, faulty).apply(EngineFixture.policy(PIN), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.messages()).anyMatch(m -> m.contains("/etc/other.conf") && m.contains("disk full"));
        assertThat(Files.readAllBytes(resolv)).isEqualTo(before);
    }

    @Test
    void aChangeThatDoesNotHoldFailsVerificationAndIsRolledBack() throws Exception {
        byte[] before = Files.readAllBytes(resolv);
        List<Control<?>> fighting = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"), new RevertingControl());

        Report r = fx.engine(fighting, fx.files).apply(EngineFixture.policy(PIN), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(r.messages()).anyMatch(m -> m.contains("reverting still differs after apply"));
        assertThat(Files.readAllBytes(resolv)).isEqualTo(before);
    }

    @Test
    void onFailureKeepKeepsTheChangeAndExitsThree() throws Exception {
        List<Control<?>> fighting = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"), new RevertingControl());
        String spec = "  resolvers: {servers: [203.0.113.53]}\n  verify: {probes: false, onFailure: keep}\n";

        Report r = fx.engine(fighting, fx.files).apply(EngineFixture.policy(spec), List.of());

        assertThat(r.result()).isEqualTo(Result.NON_COMPLIANT);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(Files.readString(resolv)).isEqualTo("nameserver 203.0.113.53\n");
    }

    @Test
    void aRunKilledMidApplyIsRolledBackByTheNextRun() throws Exception {
        byte[] before = Files.readAllBytes(resolv);
        FaultyFiles dying = new FaultyFiles(fx.files, "/etc/other.conf", true);
        assertThatThrownBy(() -> fx.engine(controls, dying).apply(EngineFixture.policy(PIN), List.of()))
                .isInstanceOf(FaultyFiles.Killed.class);
        assertThat(Files.readString(resolv)).contains("203.0.113.53");
        assertThat(fx.state().list()).singleElement().extracting(Transaction::state).isEqualTo(Transaction.State.UNFINISHED);

        List<String> said = fx.engine(controls, fx.files).recover();

        assertThat(said).singleElement().asString().contains("rolled back");
        assertThat(Files.readAllBytes(resolv)).isEqualTo(before);
        assertThat(other).doesNotExist();
        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.ROLLED_BACK);
    }

    @Test
    void aTornLastJournalLineIsIgnored() throws Exception {
        fx.engine(controls, fx.files).apply(EngineFixture.policy(PIN), List.of());
        Path journal = fx.state().list().get(0).id() == null ? null
                : fx.stateDir.resolve("transactions").resolve(fx.state().list().get(0).id()).resolve("journal.jsonl");
        Files.writeString(journal, "{\"type\":\"intent\",\"seq\":9", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);

        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.COMMITTED);
    }

    @Test
    void stateFolderAndJournalsAreOwnerOnly() throws Exception {
        fx.engine(controls, fx.files).apply(EngineFixture.policy(PIN), List.of());
        String id = fx.state().list().get(0).id();
        Path txDir = fx.stateDir.resolve("transactions").resolve(id);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fx.stateDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(txDir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(txDir.resolve("journal.jsonl"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aSecondRunIsLockedOut() throws Exception {
        fx.state();
        try (RunLock held = RunLock.acquire(fx.stateDir, java.time.Duration.ZERO)) {
            assertThat(held).isNotNull();
            assertThatThrownBy(() -> RunLock.acquire(fx.stateDir, java.time.Duration.ofMillis(300)))
                    .isInstanceOf(LockedException.class)
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .hasMessageContaining("--wait");
        }
        RunLock.acquire(fx.stateDir, java.time.Duration.ZERO).close();
    }
}
