package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.leakguard.agent.spi.Finding;

/**
 * Judges the resolvers that answer, from {@code scutil --dns}, against the pinned servers: every
 * default and scoped resolver (and a Supplemental one that matches every name) must ask only
 * pinned servers. networksetup never lists what a VPN, utun or ppp interface supplies, so pinning
 * the services alone can read as compliant while every query goes elsewhere. Pure.
 */
final class EffectiveResolvers {
    private EffectiveResolvers() {}

    /**
     * Adds one finding per judged resolver, naming its interface; returns whether one asks a
     * server that is not pinned.
     *
     * @param pending changes to the services are planned: scutil shows the state before them, so a
     *     stray resolver is a warning now and judged again after apply
     */
    static boolean stray(List<DnsResolver> resolvers, List<String> pinned, boolean pending, List<Finding> findings) {
        Set<InetAddress> ok = new HashSet<>();
        pinned.forEach(p -> ok.add(Ips.parse(p)));
        boolean stray = false;
        for (DnsResolver r : resolvers) {
            if (!r.judged()) {
                continue;
            }
            List<String> other = r.nameservers().stream().filter(n -> !pinned(n, ok)).toList();
            if (other.isEmpty()) {
                findings.add(Finding.info("scutil --dns " + r.role() + ": " + String.join(", ", r.nameservers()) + " (pinned)"));
                continue;
            }
            stray = true;
            String message = "scutil --dns " + r.role() + " asks " + String.join(", ", other) + ", which is not a pinned"
                    + " server: queries " + (r.scoped() ? "bound to that interface" : "of this Mac") + " go there."
                    + " networksetup does not list the resolvers a VPN, utun or ppp interface supplies, so pinning the"
                    + " services cannot change them: set the VPN client's DNS to the pinned servers, or add these to"
                    + " resolvers.servers if they are meant to answer; the firewall section decides whether they are"
                    + " reachable";
            findings.add(pending ? Finding.warning(message + " (judged again after the changes)") : Finding.error(message));
        }
        return stray;
    }

    private static boolean pinned(String nameserver, Set<InetAddress> ok) {
        String address = nameserver.contains("%") ? nameserver.substring(0, nameserver.indexOf('%')) : nameserver;
        return Ips.isLiteral(address) && ok.contains(Ips.parse(address));
    }
}
