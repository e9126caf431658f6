package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.spi.Finding;

/**
 * The NetworkManager connection on a route's link carries the route itself: its servers, its
 * domains routing-only ({@code ipvN.dns-search ~corp.example}) and no server from DHCP or the VPN,
 * so NetworkManager hands resolved the route again at every reconnect instead of the pinned
 * resolvers or the network's own. Pure: no I/O.
 */
final class NetworkManagerRoutes {
    /** Methods under which NetworkManager takes DNS settings; it refuses them with {@code disabled} or {@code ignore}. */
    private static final Set<String> WITH_DNS = Set.of("auto", "dhcp", "manual");

    private NetworkManagerRoutes() {}

    static void plan(NmcliConnection c, LinkDns route, List<Change> changes, List<Finding> findings) {
        List<String> v4 = route.servers().stream().filter(s -> !s.contains(":")).toList();
        List<String> v6 = route.servers().stream().filter(s -> s.contains(":")).toList();
        boolean searchOn4 = WITH_DNS.contains(c.ipv4().method()) && (!v4.isEmpty() || v6.isEmpty());
        String domains = String.join(",", route.domains());
        NmcliDns w4 = wanted(c.ipv4(), v4, searchOn4 ? domains : "");
        NmcliDns w6 = wanted(c.ipv6(), v6, searchOn4 ? "" : domains);
        if (!WITH_DNS.contains(c.ipv4().method()) && !WITH_DNS.contains(c.ipv6().method())) {
            findings.add(Finding.warning("NetworkManager connection \"" + c.name() + "\" on " + c.device() + " takes no DNS"
                    + " settings (methods " + c.ipv4().method() + ", " + c.ipv6().method() + "), so a reconnect drops the"
                    + " route until the watch sets it again"));
            return;
        }
        if (NetworkManagerConnections.same(c.ipv4(), w4) && NetworkManagerConnections.same(c.ipv6(), w6)) {
            return;
        }
        changes.add(new RunCommand(modify(c, w4, w6), modify(c, c.ipv4(), c.ipv6()), "connection \"" + c.name() + "\" on "
                + c.device() + " carries the route to " + route.servers() + " for " + route.domains()
                + ", so NetworkManager sets it again at every reconnect"));
        NetworkManagerConnections.reapply(c, changes, findings);
    }

    private static NmcliDns wanted(NmcliDns now, List<String> servers, String search) {
        return WITH_DNS.contains(now.method()) ? new NmcliDns(now.method(), String.join(",", servers), "yes", search) : now;
    }

    /** Every family that takes DNS settings, all three keys: the same shape with the old values is the exact inverse. */
    static List<String> modify(NmcliConnection c, NmcliDns v4, NmcliDns v6) {
        List<String> argv = new ArrayList<>(List.of("nmcli", "connection", "modify", "uuid", c.uuid()));
        if (WITH_DNS.contains(c.ipv4().method())) {
            argv.addAll(List.of("ipv4.ignore-auto-dns", v4.ignoreAutoDns(), "ipv4.dns", v4.dns(), "ipv4.dns-search", v4.search()));
        }
        if (WITH_DNS.contains(c.ipv6().method())) {
            argv.addAll(List.of("ipv6.ignore-auto-dns", v6.ignoreAutoDns(), "ipv6.dns", v6.dns(), "ipv6.dns-search", v6.search()));
        }
        return argv;
    }
}
