package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.portal.Portals;

/**
 * The captive-portal window on a host whose only DHCP client is dhcpcd: the real dhcpcd leases
 * from the network's DHCP server and the window opens to the resolver that lease names, while a
 * lease another network gave last week, still on disk, opens nothing, and neither does a lease
 * still running of an interface that is down (dhcpcd keeps it when the carrier goes).
 */
@Tag("sandbox")
class PortalDhcpcdSandboxTest {
    private static final String[] TOOLS = {"nft", "ip", "dnsmasq", "dig", "dhcpcd", "unshare", "mount"};

    @TempDir
    Path tmp;

    @Test
    void theWindowOpensToTheResolverDhcpcdsLeaseNamesAndNotToAStaleNetworksOne() throws Exception {
        assumeTrue(Sandbox.usable(TOOLS), Sandbox.why(TOOLS));
        try (ResolverLab lab = ResolverLab.start(tmp)) {
            Path root = tmp.resolve("root");
            Host host = VpnLaptop.host(root, new NetnsCommands(lab.laptop()));
            LoadedPolicy policy = VpnLaptop.policy(null, "10m");
            VpnLaptop.applyFirewall(policy, host);
            ObjectMapper journal = new ObjectMapper();
            journal.registerSubtypes(new LinuxPlatform().journalTypes().toArray(Class<?>[]::new));
            StateDir state = new StateDir(tmp.resolve("state/portal"), journal);
            Portals portals = new Portals(new LinuxPortalWindow(), host, state, Clock.systemUTC());

            byte[] stale = staleLease();
            assertThat(DhcpcdLease.v4(stale).orElseThrow().servers()).as("a lease that would open the other resolver")
                    .containsExactly(ResolverLab.OTHER);
            Path cafe = root.resolve("var/lib/dhcpcd/wlan0-OldCafe.lease");
            Files.createDirectories(cafe.getParent());
            Files.write(cafe, stale);
            Files.setLastModifiedTime(cafe, FileTime.from(Instant.now().minus(Duration.ofDays(7))));
            lab.laptop().run("ip", "link", "add", "wlan0", "type", "veth", "peer", "name", "wlan0p");
            lab.laptop().run("ip", "link", "set", "wlan0p", "up");
            lab.laptop().run("ip", "link", "set", "wlan0", "up"); // the lease is old, not the link
            lab.laptop().run("ip", "link", "add", "eth1", "type", "veth", "peer", "name", "eth1p"); // left down
            Files.write(root.resolve("var/lib/dhcpcd/eth1.lease"), stale);
            assertThatThrownBy(() -> portals.open(policy, Duration.ofSeconds(30))).isInstanceOf(UnsupportedHostException.class)
                    .hasMessageContaining("the network handed out no resolver");
            assertThat(state.list()).as("nothing was changed").isEmpty();

            lab.leaseDhcpcd(root);
            Portals.Opened opened = portals.open(policy, Duration.ofSeconds(30));
            assertThat(opened.resolvers()).extracting(r -> r.address().getHostAddress() + " " + r.source())
                    .containsExactly(ResolverLab.DHCP_RESOLVER + " /var/lib/dhcpcd/lgc0.lease");
            assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP_RESOLVER, "hotel-login.example")).isEqualTo("answered");
            assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.OTHER, "old-cafe.example")).isIn("refused", "prohibited");
            assertThat(portals.close(policy)).singleElement().satisfies(s -> assertThat(s).contains("closed early"));
            assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP_RESOLVER, "closed.example")).isEqualTo("prohibited");
            assertThat(lab.queryLog()).contains("hotel-login.example").doesNotContain("old-cafe.example")
                    .doesNotContain("closed.example");
        }
    }

    /**
     * The real dhcpcd lease (dhcp/README.md) as another network would have given it: its resolver
     * option names {@link ResolverLab#OTHER} and its lease lasts a day.
     */
    private static byte[] staleLease() {
        byte[] lease = Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease");
        byte[] other = Addresses.parseLiteral(ResolverLab.OTHER).getAddress();
        System.arraycopy(new byte[] {0, 1, 81, (byte) 128}, 0, lease, 0xfb, 4); // option 51: 86400 s
        System.arraycopy(other, 0, lease, 0x11f, 4); // option 6: its first server
        System.arraycopy(other, 0, lease, 0x123, 4); // and its second
        return lease;
    }
}
