package org.leakguard.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.ForwardingFiles;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Control;

/** A rollback that cannot complete exits 5 and names exactly what is left, and what it should be. */
class RollbackFailedTest {
    @TempDir
    Path tmp;

    @Test
    void anUndoThatFailsIsExitFiveNamingTheFileAndItsBeforeImage() throws Exception {
        EngineFixture fx = new EngineFixture(tmp);
        Path resolv = fx.root.resolve("etc/resolv.conf");
        Files.createDirectories(resolv.getParent());
        Files.writeString(resolv, "nameserver 198.51.100.53\n");
        List<Control<?>> controls = List.of(new PinFileControl("resolvers", "/etc/resolv.conf"), new RevertingControl());
        // Writing works, restoring resolv.conf does not (a read-only remount, say): verification fails, undo cannot finish.
        Report r = fx.engine(controls, new NoRestore(fx.files, "/etc/resolv.conf")).apply(EngineFixture.policy(EngineTest.PIN), List.of());

        assertThat(r.result()).isEqualTo(Result.ROLLBACK_FAILED);
        assertThat(r.exitCode()).isEqualTo(5);
        assertThat(r.messages()).anyMatch(m -> m.startsWith("rollback incomplete")
                && m.contains("/etc/resolv.conf: undo failed (read-only file system)")
                && m.contains("it should be file (25 bytes"));
        assertThat(fx.state().list().get(0).state()).isEqualTo(Transaction.State.ROLLBACK_FAILED);
    }

    /** Real files whose restore of one path fails. */
    static final class NoRestore extends ForwardingFiles {
        private final String path;

        NoRestore(org.leakguard.agent.host.Files real, String path) {
            super(real);
            this.path = path;
        }

        @Override
        public void restore(String p, FileImage image) throws IOException {
            if (p.equals(path)) {
                throw new IOException("read-only file system");
            }
            super.restore(p, image);
        }
    }
}
