package org.leakguard.platform.linux;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The resolvers the network handed this host, read from the lease files its DHCP client keeps:
 * dhclient (Debian's isc-dhcp-client, and NetworkManager when it runs dhclient), systemd-networkd,
 * and NetworkManager's internal client. What the lease says, not what resolv.conf says: the
 * latter is what leakguard pinned.
 */
final class DhcpLeases {
    static final List<String> DHCLIENT_DIRS = List.of("/var/lib/dhcp", "/var/lib/dhclient");
    static final String NETWORKD_DIR = "/run/systemd/netif/leases";
    static final String NM_DIR = "/var/lib/NetworkManager";

    private DhcpLeases() {}

    static List<PortalWindow.Resolver> read(Files files, Instant now) throws IOException {
        List<PortalWindow.Resolver> out = new ArrayList<>();
        for (String dir : DHCLIENT_DIRS) {
            for (String name : files.list(dir)) {
                if (name.endsWith(".leases") || name.endsWith(".lease")) {
                    add(out, dir + "/" + name, files.readString(dir + "/" + name).map(t -> DhcpLeaseText.dhclient(t, now)));
                }
            }
        }
        for (String name : files.list(NETWORKD_DIR)) {
            add(out, NETWORKD_DIR + "/" + name, files.readString(NETWORKD_DIR + "/" + name).map(DhcpLeaseText::keyValue));
        }
        for (String name : files.list(NM_DIR)) {
            String path = NM_DIR + "/" + name;
            if (name.startsWith("dhclient") && name.endsWith(".lease")) {
                add(out, path, files.readString(path).map(t -> DhcpLeaseText.dhclient(t, now)));
            } else if (name.startsWith("internal-") && name.endsWith(".lease")) {
                add(out, path, files.readString(path).map(DhcpLeaseText::keyValue));
            }
        }
        return out;
    }

    private static void add(List<PortalWindow.Resolver> out, String source, Optional<List<String>> found) {
        for (String s : found.orElse(List.of())) {
            var a = Addresses.parseLiteral(s);
            if (out.stream().noneMatch(r -> r.address().equals(a))) {
                out.add(new PortalWindow.Resolver(a, source));
            }
        }
    }
}
