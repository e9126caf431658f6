package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/** Turns the policy's firewall section into the table it wants (REFERENCE 4.5). Pure. */
final class FirewallRules {
    static final String OK4 = "dns_ok4";
    static final String OK6 = "dns_ok6";
    static final String DOH4 = "doh4";
    static final String DOH6 = "doh6";

    private FirewallRules() {}

    /** The wanted table, or empty when the section asks for no rule at all (then no table). */
    static Optional<WantedTable> wanted(Spec spec, List<Finding> findings) {
        Firewall fw = spec.firewall();
        if (!fw.any()) {
            return Optional.empty();
        }
        List<InetAddress> ok = Addresses.distinctSorted(
                spec.resolvers() == null ? List.of() : spec.resolvers().servers());
        if (ok.isEmpty() && (fw.plainDns() == PortRule.BLOCK_OTHERS || fw.dnsOverTls() == PortRule.BLOCK_OTHERS)) {
            findings.add(Finding.warning("no resolvers.servers are pinned, so every DNS query that leaves"
                    + " the host is dropped; only a local stub on loopback still answers"));
        }
        List<InetAddress> doh = fw.publicDoh() == DohRule.BLOCK ? dohAddresses(fw, ok, findings) : List.of();
        Map<String, List<InetAddress>> sets = new LinkedHashMap<>();
        sets.put(OK4, ok.stream().filter(a -> !Addresses.isV6(a)).toList());
        sets.put(OK6, ok.stream().filter(Addresses::isV6).toList());
        sets.put(DOH4, doh.stream().filter(a -> !Addresses.isV6(a)).toList());
        sets.put(DOH6, doh.stream().filter(Addresses::isV6).toList());
        return Optional.of(new WantedTable(sets, List.of(
                new NftChainSpec("output", "output", rules(fw, true)),
                new NftChainSpec("forward", "forward", rules(fw, false)))));
    }

    /** The public list plus the policy's own, less any pinned resolver (DoH to it stays open). */
    private static List<InetAddress> dohAddresses(Firewall fw, List<InetAddress> ok, List<Finding> findings) {
        List<InetAddress> all = new ArrayList<>(PublicDoh.addresses());
        all.addAll(fw.dohAddresses());
        List<InetAddress> doh = new ArrayList<>(Addresses.distinctSorted(all));
        for (InetAddress pinned : ok) {
            if (doh.remove(pinned)) {
                findings.add(Finding.info(Addresses.text(pinned) + " is a pinned resolver and on the DoH block"
                        + " list: it stays out of the doh sets, so HTTPS (443) to it is not blocked"));
            }
        }
        return doh;
    }

    /**
     * Loopback first (a local stub must keep working), then accept-to-pinned before drop for 53
     * and 853, then the DoH drops. The forward chain gets the same rules but the loopback one.
     */
    static List<NftRule> rules(Firewall fw, boolean output) {
        boolean plain = fw.plainDns() == PortRule.BLOCK_OTHERS;
        boolean dot = fw.dnsOverTls() == PortRule.BLOCK_OTHERS;
        List<NftRule> out = new ArrayList<>();
        if (output && (plain || dot)) {
            out.add(new NftRule("loopback", "oif \"lo\" accept"));
        }
        if (plain) {
            String dns = "meta l4proto { tcp, udp } th dport 53";
            out.add(new NftRule("dns-ok4", dns + " ip daddr @" + OK4 + " accept"));
            out.add(new NftRule("dns-ok6", dns + " ip6 daddr @" + OK6 + " accept"));
            out.add(new NftRule("dns-drop", dns + " drop"));
        }
        if (dot) {
            out.add(new NftRule("dot-ok4", "tcp dport 853 ip daddr @" + OK4 + " accept"));
            out.add(new NftRule("dot-ok6", "tcp dport 853 ip6 daddr @" + OK6 + " accept"));
            out.add(new NftRule("dot-drop", "tcp dport 853 drop"));
        }
        if (fw.publicDoh() == DohRule.BLOCK) {
            String https = "meta l4proto { tcp, udp } th dport 443";
            out.add(new NftRule("doh4-drop", https + " ip daddr @" + DOH4 + " drop"));
            out.add(new NftRule("doh6-drop", https + " ip6 daddr @" + DOH6 + " drop"));
        }
        return out;
    }
}
