package org.leakguard.platform.linux;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /** @param links each interface's name and whether it is up ({@link LinkChoice#parseUp}); only dhcpcd's leases need it */
    static List<PortalWindow.Resolver> read(Files files, Map<String, Boolean> links, Instant now) throws IOException {
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
        dhcpcd(files, links, now, out);
        return out;
    }

    /**
     * dhcpcd's leases that still held at {@code now}, judged by the file's mtime as dhcpcd judges
     * them. An interface keeps a pair of files per wireless network ({@code wlan0-SSID.lease} and
     * {@code .lease6}); only the network it joined last counts, the one whose newer file is the
     * newest, and each of that network's files only while it holds: never a network it left whose
     * lease has not run out, in either family. An interface that is not up (see
     * {@link LinkChoice#parseUp}) counts not at all: dhcpcd keeps the file when the carrier goes.
     *
     * @param links each interface's name and whether it is up
     */
    private static void dhcpcd(Files files, Map<String, Boolean> links, Instant now, List<PortalWindow.Resolver> out)
            throws IOException {
        Map<String, Instant> written = new LinkedHashMap<>();
        Map<String, Network> joined = new LinkedHashMap<>();
        for (String name : files.list(DHCPCD_DIR)) {
            Optional<String> base = base(name);
            Optional<String> link = base.flatMap(b -> link(b, links.keySet()));
            Optional<Instant> at = link.isPresent() ? files.modified(DHCPCD_DIR + "/" + name) : Optional.empty();
            if (at.isPresent()) {
                written.put(name, at.get());
                joined.merge(link.get(), new Network(link.get(), base.get(), at.get()), (a, b) -> b.at().isAfter(a.at()) ? b : a);
            }
        }
        for (Network n : joined.values()) {
            if (!links.get(n.link())) {
                continue;
            }
            for (boolean v6 : List.of(false, true)) {
                String name = n.base() + (v6 ? ".lease6" : ".lease");
                Instant at = written.get(name);
                Optional<DhcpcdLease> lease = at == null ? Optional.empty()
                        : files.read(DHCPCD_DIR + "/" + name).flatMap(b -> v6 ? DhcpcdLease.v6(b) : DhcpcdLease.v4(b));
                if (lease.isPresent() && lease.get().currentAt(at, now)) {
                    add(out, DHCPCD_DIR + "/" + name, Optional.of(lease.get().servers()));
                }
            }
        }
    }

    /** Whether dhcpcd's folder holds a lease file; it also keeps its duid and secret there, which need no link state. */
    static boolean hasDhcpcdLease(Files files) throws IOException {
        return files.list(DHCPCD_DIR).stream().anyMatch(n -> base(n).isPresent());
    }

    /** {@code IFACE[-SSID]} of a lease file's name, empty for another file. */
    private static Optional<String> base(String name) {
        return name.endsWith(".lease") || name.endsWith(".lease6") ? Optional.of(name.substring(0, name.lastIndexOf(".lease")))
                : Optional.empty();
    }

    /**
     * The interface of a lease file named {@code IFACE} or {@code IFACE-SSID}: the whole name when
     * an interface has it, else the longest interface name before a '-' (br-lan is not br's);
     * empty when no interface of this host has it.
     */
    static Optional<String> link(String base, Set<String> names) {
        if (names.contains(base)) {
            return Optional.of(base);
        }
        return names.stream().filter(n -> base.startsWith(n + "-")).max(Comparator.comparingInt(String::length));
    }

    /** A network an interface joined: the {@code IFACE[-SSID]} of its files, and when the newer of them was written. */
    private record Network(String link, String base, Instant at) {}

    private static void add(List<PortalWindow.Resolver> out, String source, Optional<List<String>> found) {
        for (String s : found.orElse(List.of())) {
            var a = Addresses.parseLiteral(s);
            if (out.stream().noneMatch(r -> r.address().equals(a))) {
                out.add(new PortalWindow.Resolver(a, source));
            }
        }
    }
}
