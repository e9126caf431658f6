package org.leakguard.platform.linux;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The resolvers the network handed this host, read from the lease files its DHCP client keeps:
 * dhclient (Debian's isc-dhcp-client, and NetworkManager when it runs dhclient), systemd-networkd,
 * NetworkManager's internal client and dhcpcd. What the lease says, not what resolv.conf says: the
 * latter is what leakguard pinned.
 */
final class DhcpLeases {
    static final List<String> DHCLIENT_DIRS = List.of("/var/lib/dhcp", "/var/lib/dhclient");
    static final String NETWORKD_DIR = "/run/systemd/netif/leases";
    static final String NM_DIR = "/var/lib/NetworkManager";
    static final String DHCPCD_DIR = "/var/lib/dhcpcd";

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
        dhcpcd(files, now, out);
        return out;
    }

    /**
     * dhcpcd's leases that still held at {@code now}, judged by the file's mtime as dhcpcd judges
     * them; of one interface's (a file per wireless network, {@code wlan0-SSID.lease}) only the
     * newest per family: the network it joined last, not one it left whose lease has not run out.
     */
    private static void dhcpcd(Files files, Instant now, List<PortalWindow.Resolver> out) throws IOException {
        Map<String, Written> newest = new LinkedHashMap<>();
        for (String name : files.list(DHCPCD_DIR)) {
            boolean v6 = name.endsWith(".lease6");
            String path = DHCPCD_DIR + "/" + name;
            Optional<Instant> at = v6 || name.endsWith(".lease") ? files.modified(path) : Optional.empty();
            Optional<byte[]> bytes = at.isPresent() ? files.read(path) : Optional.empty();
            Optional<DhcpcdLease> lease = bytes.flatMap(b -> v6 ? DhcpcdLease.v6(b) : DhcpcdLease.v4(b));
            if (lease.isEmpty() || !lease.get().currentAt(at.get(), now)) {
                continue;
            }
            String link = name.substring(0, name.lastIndexOf(".lease")).split("-", 2)[0] + (v6 ? " v6" : " v4");
            newest.merge(link, new Written(path, at.get(), lease.get()), (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        for (Written w : newest.values()) {
            add(out, w.path(), Optional.of(w.lease().servers()));
        }
    }

    private record Written(String path, Instant at, DhcpcdLease lease) {}

    private static void add(List<PortalWindow.Resolver> out, String source, Optional<List<String>> found) {
        for (String s : found.orElse(List.of())) {
            var a = Addresses.parseLiteral(s);
            if (out.stream().noneMatch(r -> r.address().equals(a))) {
                out.add(new PortalWindow.Resolver(a, source));
            }
        }
    }
}
