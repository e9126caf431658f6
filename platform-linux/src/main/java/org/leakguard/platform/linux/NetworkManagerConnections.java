package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/**
 * Each active connection ignores the DNS servers DHCP and router advertisements offer and names
 * the pinned ones instead; the one on a route's link carries the route ({@link NetworkManagerRoutes}). Only families that learn DNS from the network are changed. Pure: no I/O.
 */
final class NetworkManagerConnections {
    private NetworkManagerConnections() {}

    /**
     * @param hostSearch the search list in effect now: with {@code ignore-auto-dns} NetworkManager
     *     drops the domains DHCP gave too, so a policy that names none keeps these as the
     *     connection's own {@code dns-search}
     */
    static void plan(Resolvers want, NetworkManagerState nm, List<String> hostSearch, Map<String, LinkDns> routeLinks,
            List<Change> changes, List<Finding> findings) {
        List<String> v4 = want.servers().stream().filter(a -> !Addresses.isV6(a)).map(Addresses::text).toList();
        List<String> v6 = want.servers().stream().filter(Addresses::isV6).map(Addresses::text).toList();
        List<String> keep = want.searchDomains().isEmpty() ? hostSearch : List.of();
        for (NmcliConnection c : nm.connections()) {
            // A VPN plugin's connection names its carrier as device, not its tunnel: it is not on the route's link.
            if (routeLinks.containsKey(c.device()) && !c.type().equals("vpn")) {
                NetworkManagerRoutes.plan(c, routeLinks.get(c.device()), changes, findings);
                continue;
            }
            boolean searchOn4 = c.ipv4().automatic();
            NmcliDns w4 = wanted(c.ipv4(), v4, searchOn4 ? keep : List.of());
            NmcliDns w6 = wanted(c.ipv6(), v6, searchOn4 ? List.of() : keep);
            if (same(c.ipv4(), w4) && same(c.ipv6(), w6)) {
                continue;
            }
            if (w4.servers().isEmpty() && w6.servers().isEmpty()) {
                findings.add(Finding.warning("NetworkManager connection \"" + c.name() + "\" (" + c.uuid()
                        + ") is left as it is: it would have no DNS server, as resolvers.servers has none of the"
                        + " address families it uses"));
                continue;
            }
            boolean search = !w4.search().equals(c.ipv4().search()) || !w6.search().equals(c.ipv6().search());
            changes.add(new RunCommand(modify(c, w4, w6, search), modify(c, c.ipv4(), c.ipv6(), search),
                    "connection \"" + c.name() + "\" ignores the DNS servers DHCP offers and uses the pinned ones"
                            + (search ? "; it keeps the search list " + keep + " as its own" : "")));
            reapply(c, changes, findings);
        }
    }

    /**
     * A family that learns DNS from the network gets ignore-auto-dns and the pinned servers, and
     * {@code keep} as its search list when it has none of its own.
     */
    static NmcliDns wanted(NmcliDns now, List<String> pinned, List<String> keep) {
        if (!now.automatic()) {
            return now;
        }
        String search = now.search().isEmpty() ? String.join(",", keep) : now.search();
        return new NmcliDns(now.method(), String.join(",", pinned), "yes", search);
    }

    /** Equal settings; the server lists compared as addresses, as nmcli may print them differently. */
    static boolean same(NmcliDns a, NmcliDns b) {
        return a.ignoreAutoDns().equals(b.ignoreAutoDns()) && normalized(a).equals(normalized(b))
                && Nmcli.splitList(a.search()).equals(Nmcli.splitList(b.search()));
    }

    private static List<String> normalized(NmcliDns d) {
        List<String> out = new ArrayList<>();
        for (String s : d.servers()) {
            try {
                out.add(Addresses.text(Addresses.parseLiteral(s)));
            } catch (IllegalArgumentException e) {
                out.add(s); // "ip#name" (DNS over TLS) or a form this version does not know: compared as written
            }
        }
        return out;
    }

    /**
     * {@code nmcli connection modify uuid UUID ...} setting the families that learn DNS from the
     * network, and only those: the same argv shape with the old values is the exact inverse. The
     * UUID is one argument, never part of a string.
     */
    static List<String> modify(NmcliConnection c, NmcliDns v4, NmcliDns v6, boolean search) {
        List<String> argv = new ArrayList<>(List.of("nmcli", "connection", "modify", "uuid", c.uuid()));
        if (c.ipv4().automatic()) {
            argv.addAll(List.of("ipv4.ignore-auto-dns", v4.ignoreAutoDns(), "ipv4.dns", v4.dns()));
            if (search) {
                argv.addAll(List.of("ipv4.dns-search", v4.search()));
            }
        }
        if (c.ipv6().automatic()) {
            argv.addAll(List.of("ipv6.ignore-auto-dns", v6.ignoreAutoDns(), "ipv6.dns", v6.dns()));
            if (search) {
                argv.addAll(List.of("ipv6.dns-search", v6.search()));
            }
        }
        return argv;
    }

    /** A changed profile reaches the device on reapply; a rollback reapplies the restored one. */
    static void reapply(NmcliConnection c, List<Change> changes, List<Finding> findings) {
        if (!c.type().equals("vpn") && Nmcli.isDevice(c.device())) {
            changes.add(new Reload(List.of("nmcli", "device", "reapply", c.device()),
                    c.device() + " uses the changed DNS settings of \"" + c.name() + "\" now"));
        } else {
            findings.add(Finding.info("connection \"" + c.name() + "\" uses its new DNS settings when it next"
                    + " connects"));
        }
    }
}
