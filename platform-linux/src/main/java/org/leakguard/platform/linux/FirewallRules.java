package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/** Turns the policy's firewall section into the rules it wants (REFERENCE 4.5). Pure. */
final class FirewallRules {
    static final String OK4 = "dns_ok4";
    static final String OK6 = "dns_ok6";
    static final String DOH4 = "doh4";
    static final String DOH6 = "doh6";
    /** The servers of {@code resolvers.routes}: 53 and 853 open to them, as to the pinned ones. */
    static final String ROUTE4 = "dns_route4";
    static final String ROUTE6 = "dns_route6";
    /** The captive-portal window: elements added with a timeout, so the kernel closes it (see {@link PortalSets}). */
    static final String PORTAL4 = "portal4";
    static final String PORTAL6 = "portal6";

    /** What is opened besides the pinned servers: the identities excepted, the route servers, the portal window. */
    record Openings(List<Owner> owners, boolean routes, boolean portal) {
        static final Openings NONE = new Openings(List.of(), false, false);

        Openings {
            owners = List.copyOf(owners);
        }
    }

    private FirewallRules() {}

    /** As below, for a host whose users and cgroups the policy does not name. */
    static Optional<FirewallWanted> wanted(Spec spec, List<Finding> findings) {
        return wanted(spec, HostIdentities.NONE, findings);
    }

    /** What the section asks for, or empty when it asks for no rule at all (then no table). */
    static Optional<FirewallWanted> wanted(Spec spec, HostIdentities identities, List<Finding> findings) {
        Firewall fw = spec.firewall();
        if (!fw.any()) {
            return Optional.empty();
        }
        List<Owner> owners = FirewallExceptions.owners(fw, identities, findings);
        List<InetAddress> routed = routeServers(spec);
        List<InetAddress> ok = Addresses.distinctSorted(
                spec.resolvers() == null ? List.of() : spec.resolvers().servers());
        if (ok.isEmpty() && (fw.plainDns() == PortRule.BLOCK_OTHERS || fw.dnsOverTls() == PortRule.BLOCK_OTHERS)) {
            findings.add(Finding.warning("no resolvers.servers are pinned, so every DNS query that leaves"
                    + " the host is rejected; only a local stub on loopback still answers"));
        }
        boolean plainToPinned = !overTls(spec);
        if (!plainToPinned && fw.plainDns() == PortRule.BLOCK_OTHERS) {
            findings.add(Finding.info("resolvers.encryption is dot: plain DNS (53) is rejected to the pinned"
                    + " servers too; only DNS over TLS (853) reaches them, through the local stub on loopback"));
        }
        List<InetAddress> doh = fw.publicDoh() == DohRule.BLOCK ? dohAddresses(fw, ok, routed, findings) : List.of();
        Map<String, List<InetAddress>> sets = new LinkedHashMap<>();
        sets.put(OK4, ok.stream().filter(a -> !Addresses.isV6(a)).toList());
        sets.put(OK6, ok.stream().filter(Addresses::isV6).toList());
        if (!routed.isEmpty()) {
            sets.put(ROUTE4, routed.stream().filter(a -> !Addresses.isV6(a)).toList());
            sets.put(ROUTE6, routed.stream().filter(Addresses::isV6).toList());
        }
        sets.put(DOH4, doh.stream().filter(a -> !Addresses.isV6(a)).toList());
        sets.put(DOH6, doh.stream().filter(Addresses::isV6).toList());
        boolean portal = fw.portal() != null && fw.plainDns() == PortRule.BLOCK_OTHERS;
        if (portal) {
            sets.put(PORTAL4, List.of());
            sets.put(PORTAL6, List.of());
        }
        Openings open = new Openings(owners, !routed.isEmpty(), portal);
        return Optional.of(new FirewallWanted(sets, rules(fw, plainToPinned, true, open), rules(fw, plainToPinned, false, open)));
    }

    /** Every route's servers, distinct and sorted. */
    private static List<InetAddress> routeServers(Spec spec) {
        if (spec.resolvers() == null) {
            return List.of();
        }
        List<InetAddress> out = new ArrayList<>();
        spec.resolvers().routes().forEach(r -> out.addAll(r.servers()));
        return Addresses.distinctSorted(out);
    }

    /**
     * With DNS over TLS the local stub reaches the pinned servers on 853; plain 53 to them would
     * only serve a downgrade (an opportunistic stub falling back), so it is closed as well.
     */
    static boolean overTls(Spec spec) {
        return spec.resolvers() != null && spec.resolvers().encryption() == Encryption.DOT;
    }

    /** The public list plus the policy's own, less any pinned or route resolver (DoH to it stays open). */
    private static List<InetAddress> dohAddresses(Firewall fw, List<InetAddress> ok, List<InetAddress> routed,
            List<Finding> findings) {
        List<InetAddress> all = new ArrayList<>(PublicDoh.addresses());
        all.addAll(fw.dohAddresses());
        List<InetAddress> doh = new ArrayList<>(Addresses.distinctSorted(all));
        for (InetAddress pinned : ok) {
            if (doh.remove(pinned)) {
                findings.add(Finding.info(Addresses.text(pinned) + " is a pinned resolver and on the DoH block"
                        + " list: it stays out of the doh sets, so HTTPS (443) to it is not blocked"));
            }
        }
        for (InetAddress route : routed) {
            if (doh.remove(route)) {
                findings.add(Finding.info(Addresses.text(route) + " is a route's server and on the DoH block list: it"
                        + " stays out of the doh sets, as a pinned server would"));
            }
        }
        return doh;
    }

    static List<FirewallRule> rules(Firewall fw, boolean plainToPinned, boolean output) {
        return rules(fw, plainToPinned, output, Openings.NONE);
    }

    /**
     * Loopback first (a local stub must keep working), then the excepted identities, then
     * accept-to-pinned, to the route servers and to the portal window before the rejects for 53
     * and 853, then the DoH rejects. The forward chain gets the same rules but loopback, the
     * exceptions and the window: a routed packet has no local program, and the window is for the
     * browser of the host that signs in.
     */
    static List<FirewallRule> rules(Firewall fw, boolean plainToPinned, boolean output, Openings open) {
        boolean plain = fw.plainDns() == PortRule.BLOCK_OTHERS;
        boolean dot = fw.dnsOverTls() == PortRule.BLOCK_OTHERS;
        List<FirewallRule> out = new ArrayList<>();
        if (output && (plain || dot)) {
            out.add(FirewallRule.loopback());
            for (Owner o : open.owners()) {
                if (plain) {
                    out.add(FirewallRule.exception(o, 53));
                }
                if (dot) {
                    out.add(FirewallRule.exception(o, 853));
                }
            }
        }
        if (plain) {
            if (plainToPinned) {
                out.add(FirewallRule.allow("dns-ok4", FirewallRule.BOTH, 53, OK4));
                out.add(FirewallRule.allow("dns-ok6", FirewallRule.BOTH, 53, OK6));
            }
            if (open.routes()) {
                // Routed names go over plain DNS to their servers, whatever the pinned ones use.
                out.add(FirewallRule.allow("route-ok4", FirewallRule.BOTH, 53, ROUTE4));
                out.add(FirewallRule.allow("route-ok6", FirewallRule.BOTH, 53, ROUTE6));
            }
            if (output && open.portal()) {
                out.add(FirewallRule.allow("portal4", FirewallRule.BOTH, 53, PORTAL4));
                out.add(FirewallRule.allow("portal6", FirewallRule.BOTH, 53, PORTAL6));
            }
            out.add(FirewallRule.reject("dns-udp-reject", "udp", 53, null));
            out.add(FirewallRule.reject("dns-tcp-reset", "tcp", 53, null));
        }
        if (dot) {
            // Port 853 carries DNS over TLS (TCP) and DNS over QUIC (UDP, RFC 9250) alike.
            out.add(FirewallRule.allow("dot-ok4", FirewallRule.BOTH, 853, OK4));
            out.add(FirewallRule.allow("dot-ok6", FirewallRule.BOTH, 853, OK6));
            if (open.routes()) {
                out.add(FirewallRule.allow("route-dot-ok4", FirewallRule.BOTH, 853, ROUTE4));
                out.add(FirewallRule.allow("route-dot-ok6", FirewallRule.BOTH, 853, ROUTE6));
            }
            out.add(FirewallRule.reject("dot-tcp-reset", "tcp", 853, null));
            out.add(FirewallRule.reject("doq-udp-reject", "udp", 853, null));
        }
        if (fw.publicDoh() == DohRule.BLOCK) {
            // UDP 443 is HTTP/3: a rejected QUIC attempt makes a browser fall back to TCP, rejected too.
            out.add(FirewallRule.reject("doh4-tcp-reset", "tcp", 443, DOH4));
            out.add(FirewallRule.reject("doh4-udp-reject", "udp", 443, DOH4));
            out.add(FirewallRule.reject("doh6-tcp-reset", "tcp", 443, DOH6));
            out.add(FirewallRule.reject("doh6-udp-reject", "udp", 443, DOH6));
        }
        return out;
    }
}
