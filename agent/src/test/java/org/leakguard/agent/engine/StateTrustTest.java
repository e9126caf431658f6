package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;

/**
 * The state folder is replayed as root, so it is trusted only when no one else could have written
 * it; the lock is never opened through a link; a damaged journal stops nothing but itself.
 */
class StateTrustTest {
    @TempDir
    Path tmp;

    EngineFixture fx;
    List<Control<?>> controls;

    @BeforeEach
    void setUp() throws Exception {
        fx = new EngineFixture(tmp);
        Files.createDirectories(fx.root.resolve("etc"));
        Files.writeString(fx.root.resolve("etc/resolv.conf"), "nameserver 198.51.100.53\n");
        controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"));
    }

    static void asRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "changing a file's owner needs root");
    }

    @Test
    void aStateFolderOwnedByAnotherUserIsRefusedWithTheFix() throws Exception {
        asRoot();
        Files.createDirectories(fx.stateDir);
        Files.setAttribute(fx.stateDir, "unix:uid", 65534);

        assertThatThrownBy(() -> fx.state()).isInstanceOf(UntrustedStateException.class)
                .hasMessageContaining("is owned by").hasMessageContaining("chown root '" + fx.stateDir + "' && chmod 0700");
    }

    @Test
    void aStateFolderOthersMayWriteIsRefusedNotQuietlyTightened() throws Exception {
        Files.createDirectories(fx.stateDir);
        Files.setPosixFilePermissions(fx.stateDir, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> fx.state()).isInstanceOf(UntrustedStateException.class)
                .hasMessageContaining("may be written by group or others");
        assertThat(Files.getPosixFilePermissions(fx.stateDir)).hasSize(9);
    }

    @Test
    void aJournalOwnedByAnotherUserIsNeverReplayed() throws Exception {
        asRoot();
        fx.engine(controls, fx.files).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Path journal = onlyJournal();
        Files.setAttribute(journal, "unix:uid", 65534);

        assertThatThrownBy(() -> fx.engine(controls, fx.files).rollback(Optional.empty(), List.of()))
                .isInstanceOf(UntrustedStateException.class).hasMessageContaining(journal.toString());
        assertThat(Files.readString(fx.root.resolve("etc/resolv.conf"))).isEqualTo("nameserver 203.0.113.53\n");
    }

    @Test
    void aStateFolderThatIsALinkIsRefused() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(fx.stateDir, elsewhere);

        assertThatThrownBy(() -> fx.state()).isInstanceOf(UntrustedStateException.class).hasMessageContaining("symbolic link");
        assertThat(Files.getPosixFilePermissions(elsewhere)).hasSize(7);
        try (var s = Files.list(elsewhere)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    void theLockIsNeverOpenedThroughALink() throws Exception {
        StateDir state = fx.state();
        Path outside = Files.writeString(tmp.resolve("precious"), "keep me\n");
        Files.createSymbolicLink(state.path().resolve("lock"), outside);

        assertThatThrownBy(() -> RunLock.acquire(state.path(), Duration.ZERO)).isInstanceOf(UntrustedStateException.class);
        assertThat(Files.readString(outside)).isEqualTo("keep me\n");
    }

    @Test
    void aDamagedLineInTheMiddleIsReportedPreciselyAndOtherVerbsStillRun() throws Exception {
        fx.engine(controls, fx.files).apply(EngineFixture.policy(EngineTest.PIN), List.of());
        Path journal = onlyJournal();
        List<String> lines = Files.readAllLines(journal);
        lines.set(1, lines.get(1).substring(0, 20) + "\u0000garbage");
        Files.write(journal, lines);
        String txid = journal.getParent().getFileName().toString();

        List<String> said = fx.engine(controls, fx.files).recover();

        assertThat(said).singleElement().asString().contains("transaction " + txid, "line 2 of " + lines.size(), "kept for a person");
        assertThat(fx.state().list()).singleElement().extracting(Transaction::state).isEqualTo(Transaction.State.DAMAGED);
        assertThat(fx.engine(controls, fx.files).plan(EngineFixture.policy(EngineTest.PIN), "plan", List.of()).result())
                .isEqualTo(Result.COMPLIANT);
        String other = "  resolvers: {servers: [203.0.113.54]}\n  verify: {probes: false}\n";
        assertThat(fx.engine(controls, fx.files).apply(EngineFixture.policy(other), List.of()).result()).isEqualTo(Result.REMEDIATED);
        assertThatThrownBy(() -> fx.engine(controls, fx.files).rollbackAll(List.of()))
                .hasMessageContaining("cannot roll back past transaction " + txid).hasMessageContaining("line 2");
        assertThat(fx.engine(controls, fx.files).rollback(Optional.empty(), List.of()).result()).isEqualTo(Result.ROLLED_BACK);
    }

    private Path onlyJournal() throws Exception {
        try (var dirs = Files.list(fx.stateDir.resolve("transactions"))) {
            return dirs.findFirst().orElseThrow().resolve(Journal.FILE);
        }
    }
}
