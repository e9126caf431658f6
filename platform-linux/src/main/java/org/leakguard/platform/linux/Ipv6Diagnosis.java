package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * IPv6 state: disable_ipv6 per interface, global addresses, and IPv6 resolvers learned from
 * router advertisements (RDNSS) or DHCPv6 that resolv.conf, lease and link-state files name.
 */
final class Ipv6Diagnosis {
    static final String TOPIC = "ipv6";
    static final List<String> LEASE_DIRS = List.of("/run/systemd/netif/links", "/run/systemd/netif/leases",
            "/var/lib/NetworkManager", "/run/NetworkManager/devices", "/var/lib/dhcp");

    private Ipv6Diagnosis() {}

    static Diagnosis run(Files files, List<String> resolvConfServers) throws IOException {
        if (!files.exists(Ipv6Control.PROC)) {
            return new Diagnosis(TOPIC, Finding.Severity.INFO, "this kernel has no IPv6", List.of());
        }
        Map<String, String> disabled = new LinkedHashMap<>();
        for (String name : files.list(Ipv6Control.CONF)) {
            files.readString("/proc/sys/" + Ipv6Control.key(name)).ifPresent(v -> disabled.put(name, v.strip()));
        }
        List<String> global = files.readString("/proc/net/if_inet6").map(Ipv6DiagParse::ifInet6).orElse(List.of())
                .stream().filter(Ipv6DiagParse.Inet6::global).map(a -> a.address() + "/" + a.prefix() + " on " + a.device())
                .toList();
        List<String> learned = new ArrayList<>(resolvConfServers.stream().filter(s -> s.contains(":")).toList());
        List<String> evidence = new ArrayList<>(List.of("disable_ipv6: " + disabled, "global addresses: " + global));
        for (String dir : LEASE_DIRS) {
            for (String name : files.list(dir)) {
                if (!dir.startsWith("/run/") && !name.endsWith(".lease") && !name.endsWith(".leases")) {
                    continue;
                }
                List<String> found = files.readString(dir + "/" + name).map(Ipv6DiagParse::leaseServers).orElse(List.of());
                found.stream().filter(s -> !learned.contains(s)).forEach(learned::add);
                if (!found.isEmpty()) {
                    evidence.add(dir + "/" + name + " names " + found);
                }
            }
        }
        evidence.add("IPv6 resolvers named: " + learned);
        return verdict(global, learned, evidence);
    }

    private static Diagnosis verdict(List<String> global, List<String> learned, List<String> evidence) {
        if (global.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.INFO, "no global IPv6 address: IPv6 cannot carry DNS off"
                    + " the local link", evidence);
        }
        if (!learned.isEmpty()) {
            return new Diagnosis(TOPIC, Finding.Severity.WARNING, "IPv6 is up and the network named IPv6 resolvers "
                    + learned + ": each is a leak unless it is pinned (or the firewall allows only pinned ones)", evidence);
        }
        return new Diagnosis(TOPIC, Finding.Severity.INFO, "IPv6 is up (" + global.size()
                + " global addresses); no IPv6 resolver is named", evidence);
    }
}
