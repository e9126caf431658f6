package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The window's resolvers on a host whose {@code ip} has no {@code -j}: the real BusyBox ip (as on
 * an OpenWrt or Alpine host; iproute2 before 4.13 fails alike) stands in for it. The real dhclient
 * lease (dhcp/README.md) still opens the window; dhcpcd's folder asks {@code ip} only when it
 * holds a lease, and when it cannot be asked, only dhcpcd's leases are left out, and said so.
 */
class PortalLinkStateTest {
    /** While the dhclient lease holds: it expires at 23:39:48. */
    private static final Instant NOW = Instant.parse("2026-12-06T23:39:00Z");

    @TempDir
    Path root;

    private final List<List<String>> ran = new ArrayList<>();
    private Host host;

    @BeforeEach
    void busyboxIp() throws Exception {
        boolean present = Files.isExecutable(Path.of("/usr/bin/busybox")) || Files.isExecutable(Path.of("/bin/busybox"));
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("busybox is not installed: .ci/deps --tests installs it");
        }
        assumeTrue(present, "skipped: needs busybox (Debian package busybox)");
        Commands real = new ExecCommands();
        Commands busyboxIp = c -> {
            ran.add(c.argv());
            List<String> argv = new ArrayList<>(c.argv());
            if (argv.get(0).equals("ip")) {
                argv.add(0, "busybox");
            }
            return real.run(new Command(argv, c.input(), c.timeout()));
        };
        host = new Host(TestHosts.LINUX, new LocalFiles(root), busyboxIp, false, Clock.fixed(NOW, ZoneOffset.UTC));
        write("var/lib/dhcp/dhclient.lgc0.leases", Fixtures.bytes("dhcp/dhclient-4.4.3.leases"));
    }

    @Test
    void dhcpcdsIdentityFilesAloneAskNothing() throws Exception {
        write("var/lib/dhcpcd/duid", "00:01:00:01:32:a8:ce:99".getBytes());
        write("var/lib/dhcpcd/secret", new byte[64]);
        PortalWindow.Found found = new LinuxPortalWindow().networkResolvers(host);
        assertThat(found.resolvers()).extracting(r -> Addresses.text(r.address())).containsExactly("198.51.100.53", "198.51.100.54");
        assertThat(found.leftOut()).isEmpty();
        assertThat(ran).as("no lease of dhcpcd's, so no link state is needed").isEmpty();
    }

    @Test
    void whenIpCannotSayWhichLinksAreUpOnlyDhcpcdsLeasesAreLeftOut() throws Exception {
        write("var/lib/dhcpcd/duid", "00:01:00:01:32:a8:ce:99".getBytes());
        write("var/lib/dhcpcd/lgc0.lease", Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease"));
        PortalWindow.Found found = new LinuxPortalWindow().networkResolvers(host);
        assertThat(ran).containsExactly(LinkChoice.LINKS);
        assertThat(found.resolvers()).extracting(PortalWindow.Resolver::source).containsOnly("/var/lib/dhcp/dhclient.lgc0.leases");
        assertThat(found.leftOut()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("dhcpcd's leases in /var/lib/dhcpcd were left out: ip -j link show failed (ip -j link show exited 1: BusyBox")
                .endsWith("so which interfaces are up and still hold their lease is unknown"));
    }

    private void write(String path, byte[] content) throws Exception {
        Path p = root.resolve(path);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(NOW.minusSeconds(30)));
    }
}
