package org.leakguard.agent.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's change time is when it was put in place, whatever modification time a copy gave it. */
class LocalFilesChangedTest {
    @TempDir
    Path tmp;

    @Test
    void aBackDatedModificationTimeLeavesTheChangeTimeNow() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        LocalFiles files = new LocalFiles(tmp);
        files.write("/etc/a.conf", "x\n".getBytes(), null);
        Instant old = Instant.parse("2020-01-01T00:00:00Z");
        java.nio.file.Files.setLastModifiedTime(tmp.resolve("etc/a.conf"), FileTime.from(old));

        assertThat(files.modified("/etc/a.conf")).contains(old);
        assertThat(files.changed("/etc/a.conf")).get().matches(t -> t.isAfter(before), "after the write");
        assertThat(new ForwardingFiles(files).changed("/etc/a.conf")).isEqualTo(files.changed("/etc/a.conf"));
        assertThat(files.changed("/etc/none.conf")).isEmpty();
    }
}
