package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.ScriptedCommands;

class ResolversInUseTest {

    @TempDir
    Path root;

    private void file(String hostPath, String text) throws Exception {
        Path p = root.resolve(hostPath.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private java.util.List<String> inUse() {
        return new LinuxPlatform().resolversInUse(TestHosts.online(root, new ScriptedCommands())).stream()
                .map(Addresses::text).toList();
    }

    @Test
    void plainFileListsItsServersButNotLoopbackOrScoped() throws Exception {
        file("/etc/resolv.conf", "nameserver 127.0.0.1\nnameserver 198.51.100.1\nnameserver fe80::1%eth0\n"
                + "nameserver 2001:db8::1\n");
        assertThat(inUse()).containsExactly("198.51.100.1", "2001:db8::1");
    }

    @Test
    void behindTheResolvedStubTheUplinksCount() throws Exception {
        file("/run/systemd/resolve/stub-resolv.conf", Fixtures.text("resolv/resolved-stub.conf"));
        file("/run/systemd/resolve/resolv.conf", "nameserver 198.51.100.1\nnameserver 203.0.113.1\n");
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));
        assertThat(inUse()).containsExactly("198.51.100.1", "203.0.113.1");
    }

    @Test
    void noFileNoResolvers() {
        assertThat(inUse()).isEmpty();
    }
}
