package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;

/** The machine id that places a Linux host in a policy's rollout bucket. */
class MachineIdTest {
    static final String ID = "4c4c4544004b4a1080344bc04f315a32";

    @TempDir
    Path root;

    Host host() {
        return new Host(new HostInfo("h", "Linux", "6"), new LocalFiles(root), c -> {
            throw new IOException("no commands");
        }, true, Clock.systemUTC());
    }

    void write(String path, String text) throws IOException {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void systemdsMachineIdFirst() throws IOException {
        write("/etc/machine-id", ID + "\n");
        write("/var/lib/dbus/machine-id", "ffffffffffffffffffffffffffffffff\n");

        assertThat(new LinuxPlatform().machineId(host())).contains(ID);
    }

    /** systemd writes "uninitialized" on an image's first boot, and images ship the file empty. */
    @Test
    void anEmptyOrUninitializedOneFallsBackToDbus() throws IOException {
        write("/var/lib/dbus/machine-id", ID + "\n");
        for (String placeholder : new String[] {"", "uninitialized\n"}) {
            write("/etc/machine-id", placeholder);
            assertThat(new LinuxPlatform().machineId(host())).as("/etc/machine-id %s", placeholder).contains(ID);
        }
    }

    @Test
    void noneWithoutEither() {
        assertThat(new LinuxPlatform().machineId(host())).isEmpty();
    }
}
