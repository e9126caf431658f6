package org.leakguard.platform.windows;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/**
 * The rules leakguard's group holds for the policy's firewall section. Pure. Windows Firewall lets
 * a block rule win over any allow rule, so "53 only to the pinned servers" is a block rule for
 * the complement of the pinned and routed servers (and of loopback, where a local stub listens).
 */
final class FirewallRules {
    static final String GROUP = "leakguard";
    /**
     * Loopback stays open: a local stub resolver listens there. For IPv6 that is ::1 and the
     * unspecified address :: beside it, which is never a destination: leaving both out keeps a
     * lone "::" out of the rule's address list.
     */
    static final List<AddressRange> LOOPBACK = List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("::/127"));

    private FirewallRules() {}

    static List<FirewallRule> wanted(Spec spec, List<Finding> findings) {
        Firewall fw = spec.firewall();
        // Routed names go to their route's servers over 53 (and 853): those stay open too, nothing else.
        List<InetAddress> open = spec.resolvers() == null ? List.of() : spec.resolvers().allServers();
        List<FirewallRule> out = new ArrayList<>();
        if (fw.plainDns() == PortRule.BLOCK_OTHERS || fw.dnsOverTls() == PortRule.BLOCK_OTHERS) {
            if (open.isEmpty()) {
                findings.add(Finding.warning("no resolvers.servers are pinned, so DNS to every address but loopback is blocked"));
            }
            List<AddressRange> others = others(open);
            String to = spec.resolvers() != null && spec.resolvers().routed() ? "the pinned and routed resolvers" : "the pinned resolvers";
            if (fw.plainDns() == PortRule.BLOCK_OTHERS) {
                out.add(FirewallRule.block("leakguard-dns-udp", "leakguard: DNS (UDP 53) only to " + to, "UDP", 53, others));
                out.add(FirewallRule.block("leakguard-dns-tcp", "leakguard: DNS (TCP 53) only to " + to, "TCP", 53, others));
            }
            if (fw.dnsOverTls() == PortRule.BLOCK_OTHERS) {
                out.add(FirewallRule.block("leakguard-dot-tcp", "leakguard: DNS over TLS (TCP 853) only to " + to,
                        "TCP", 853, others));
                // DNS over QUIC (RFC 9250) is UDP 853: the same block, or a client could leave by QUIC.
                out.add(FirewallRule.block("leakguard-doq-udp", "leakguard: DNS over QUIC (UDP 853) only to " + to,
                        "UDP", 853, others));
            }
        }
        out.addAll(ProgramExceptions.wanted(fw, findings));
        if (fw.publicDoh() == DohRule.BLOCK) {
            List<AddressRange> doh = doh(fw, open, findings);
            if (!doh.isEmpty()) {
                out.add(FirewallRule.block("leakguard-doh-tcp", "leakguard: public DNS-over-HTTPS resolvers (TCP 443)", "TCP", 443, doh));
                // UDP 443 is HTTP/3: blocked too, so a browser cannot reach the resolver over QUIC.
                out.add(FirewallRule.block("leakguard-doh-udp", "leakguard: public DNS-over-HTTPS resolvers (UDP 443)", "UDP", 443, doh));
            }
        }
        return out;
    }

    /** Every address, both families, except the given servers and loopback. */
    static List<AddressRange> others(List<InetAddress> pinned) {
        List<AddressRange> allowed = new ArrayList<>(LOOPBACK);
        pinned.forEach(a -> allowed.add(AddressRange.of(a)));
        List<AddressRange> out = new ArrayList<>(AddressRanges.complement(allowed, false));
        out.addAll(AddressRanges.complement(allowed, true));
        return out;
    }

    /**
     * The public list plus the policy's own, less any pinned or routed resolver: both are resolvers the
     * policy trusts, so HTTPS (443) to them stays open, as on the other platforms.
     */
    private static List<AddressRange> doh(Firewall fw, List<InetAddress> trusted, List<Finding> findings) {
        Set<InetAddress> all = new LinkedHashSet<>(PublicDoh.addresses());
        all.addAll(fw.dohAddresses());
        List<AddressRange> out = new ArrayList<>();
        for (InetAddress a : all) {
            if (trusted.contains(a)) {
                findings.add(Finding.info(Ip.text(a) + " is a pinned or routed resolver and on the DoH block list: HTTPS (443)"
                        + " to it stays open"));
            } else {
                out.add(AddressRange.of(a));
            }
        }
        return out;
    }
}
