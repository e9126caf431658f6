package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portal window's lease reading against the lease file the real systemd-networkd writes. */
@Tag("sandbox")
class NetworkdLeaseSandboxTest {
    @TempDir
    Path tmp;

    @Test
    void theResolverOfNetworkdsLeaseIsFoundWhereNetworkdKeepsIt() throws Exception {
        String[] tools = {"dnsmasq", "dbus-daemon", "nsenter", "unshare", "mount", "ip", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        Path unpacked = UnpackedDeb.require("systemd", "libsystemd-shared");
        try (DhcpLab lab = DhcpLab.start(tmp)) {
            NetworkdLab networkd = NetworkdLab.start(lab, unpacked);
            networkd.await("networkd taking " + DhcpLab.ISP_RESOLVER + " from its lease", 15,
                    dns -> dns.contains(DhcpLab.ISP_RESOLVER));
            assertThat(DhcpLeases.read(networkd.host().files(), Map.of(), Instant.now()))
                    .extracting(r -> r.address().getHostAddress() + " " + r.source().replaceAll("\\d+$", "N"))
                    .containsExactly(DhcpLab.ISP_RESOLVER + " " + DhcpLeases.NETWORKD_DIR + "/N");
        }
    }
}
