package org.leakguard.platform.macos;

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

/**
 * The policy's firewall section as pf rules (REFERENCE 3): loopback stubs first, then the
 * exceptions' users ({@link PfExceptions}), pass to the pinned resolvers and to the routes' servers
 * before the blocks of 53 and 853 (TCP for DoT, UDP for DNS over QUIC), then 443 (TCP and QUIC) to
 * DoH blocked.
 * Every rule is {@code quick}: pf is last-match otherwise. Pure.
 */
final class PfRules {
    private PfRules() {}

    /**
     * The ruleset, or empty when the section blocks nothing (then no anchor rules at all).
     *
     * @param dotInForce with {@code encryption: dot}, whether its profile is installed: until it
     *     is, the pinned servers are asked in plain DNS, so port 53 to them stays open
     */
    static Optional<PfRuleset> wanted(Spec spec, boolean dotInForce, List<Finding> findings) {
        return wanted(spec, dotInForce, Map.of(), findings);
    }

    /** As above, with what {@code id -u} said of each exception user name (a name without its uid is left out). */
    static Optional<PfRuleset> wanted(Spec spec, boolean dotInForce, Map<String, UidLookup> userIds, List<Finding> findings) {
        Firewall fw = spec.firewall();
        if (fw == null || !fw.any()) {
            return Optional.empty();
        }
        boolean plain = fw.plainDns() == PortRule.BLOCK_OTHERS;
        boolean dot = fw.dnsOverTls() == PortRule.BLOCK_OTHERS;
        List<InetAddress> ok = Ips.distinctSorted(spec.resolvers() == null ? List.of() : spec.resolvers().servers());
        // Routed names are asked in plain DNS (53), and 853 is open to the same servers as to the pinned ones.
        List<InetAddress> routes = Ips.distinctSorted(spec.resolvers() == null ? List.of()
                : spec.resolvers().routes().stream().flatMap(r -> r.servers().stream()).toList());
        if (ok.isEmpty() && (plain || dot)) {
            findings.add(Finding.warning("no resolvers.servers are pinned, so every DNS query leaving the Mac"
                    + (routes.isEmpty() ? "" : " for a name outside the routes' domains") + " is blocked; only a stub on"
                    + " loopback still answers"));
        }
        boolean overTls = spec.resolvers() != null && spec.resolvers().encryption() == Encryption.DOT;
        if (overTls && plain && !ok.isEmpty()) {
            findings.add(dotInForce ? Finding.info("resolvers.encryption dot: the profile is installed, so port 53 is"
                    + " closed to the pinned servers too; they are reached over TLS on 853 only")
                    : Finding.warning("resolvers.encryption dot: the profile that carries it is not installed (or could"
                    + " not be read), so the pinned servers are still asked in plain DNS and port 53 to them stays"
                    + " open; install the profile, then apply again to close it"));
        }
        List<InetAddress> reachable = new ArrayList<>(ok);
        reachable.addAll(routes);
        List<InetAddress> doh = fw.publicDoh() == DohRule.BLOCK ? doh(fw, reachable, findings) : List.of();
        Map<String, List<InetAddress>> tables = new LinkedHashMap<>();
        if (!ok.isEmpty()) {
            tables.put(PfRuleset.OK, ok);
        }
        if (!routes.isEmpty() && (plain || dot)) {
            tables.put(PfRuleset.ROUTES, routes);
        }
        if (!doh.isEmpty()) {
            tables.put(PfRuleset.DOH, doh);
        }
        List<PfRule> rules = new ArrayList<>();
        if (plain || dot) {
            rules.add(new PfRule("lo-udp-53", true, true, "udp", 53, null));
            rules.add(new PfRule("lo-tcp-53", true, true, "tcp", 53, null));
            rules.add(new PfRule("lo-tcp-853", true, true, "tcp", 853, null));
            rules.add(new PfRule("lo-udp-853", true, true, "udp", 853, null));
        }
        rules.addAll(PfExceptions.rules(fw.exceptions(), userIds, plain, dot, findings));
        boolean pinned = !ok.isEmpty();
        boolean routed = tables.containsKey(PfRuleset.ROUTES);
        if (plain) {
            // With DoT the pinned servers are reached on 853 only: plain 53 to them would serve a downgrade.
            if (pinned && !(overTls && dotInForce)) {
                rules.add(new PfRule("ok-udp-53", true, false, "udp", 53, PfRuleset.OK));
                rules.add(new PfRule("ok-tcp-53", true, false, "tcp", 53, PfRuleset.OK));
            }
            if (routed) {
                rules.add(new PfRule("route-udp-53", true, false, "udp", 53, PfRuleset.ROUTES));
                rules.add(new PfRule("route-tcp-53", true, false, "tcp", 53, PfRuleset.ROUTES));
            }
            rules.add(new PfRule("block-udp-53", false, false, "udp", 53, null));
            rules.add(new PfRule("block-tcp-53", false, false, "tcp", 53, null));
        }
        if (dot) {
            if (pinned) {
                rules.add(new PfRule("ok-tcp-853", true, false, "tcp", 853, PfRuleset.OK));
                rules.add(new PfRule("ok-udp-853", true, false, "udp", 853, PfRuleset.OK));
            }
            if (routed) {
                rules.add(new PfRule("route-tcp-853", true, false, "tcp", 853, PfRuleset.ROUTES));
                rules.add(new PfRule("route-udp-853", true, false, "udp", 853, PfRuleset.ROUTES));
            }
            // UDP 853 is DNS over QUIC (RFC 9250): closed like DoT.
            rules.add(new PfRule("block-tcp-853", false, false, "tcp", 853, null));
            rules.add(new PfRule("block-udp-853", false, false, "udp", 853, null));
        }
        if (!doh.isEmpty()) {
            rules.add(new PfRule("doh-tcp-443", false, false, "tcp", 443, PfRuleset.DOH));
            rules.add(new PfRule("doh-udp-443", false, false, "udp", 443, PfRuleset.DOH));
        }
        return Optional.of(new PfRuleset(tables, rules));
    }

    /** The built-in public list and the policy's own, less any pinned or routed resolver (HTTPS to it stays open). */
    private static List<InetAddress> doh(Firewall fw, List<InetAddress> reachable, List<Finding> findings) {
        List<InetAddress> all = new ArrayList<>(PublicDoh.addresses());
        all.addAll(fw.dohAddresses());
        List<InetAddress> out = new ArrayList<>(Ips.distinctSorted(all));
        for (InetAddress a : reachable) {
            if (out.remove(a)) {
                findings.add(Finding.info(Ips.text(a) + " is a resolver of the policy and on the DoH list: HTTPS to it is"
                        + " not blocked"));
            }
        }
        return out;
    }
}
