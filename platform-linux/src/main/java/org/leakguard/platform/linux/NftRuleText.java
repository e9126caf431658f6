package org.leakguard.platform.linux;

/** The nft text of a {@link FirewallRule} inside the {@code inet} table. */
final class NftRuleText {
    private NftRuleText() {}

    static NftRule of(FirewallRule r) {
        return new NftRule(r.id(), body(r));
    }

    private static String body(FirewallRule r) {
        if (r.isLoopback()) {
            return "oif \"lo\" accept";
        }
        String match = FirewallRule.BOTH.equals(r.proto())
                ? "meta l4proto { tcp, udp } th dport " + r.port()
                : r.proto() + " dport " + r.port();
        if (r.owner() != null) {
            match = r.owner().nft() + " " + match;
        }
        if (r.set() != null) {
            match += (r.v6Set() ? " ip6" : " ip") + " daddr @" + r.set();
        }
        if (r.accept()) {
            return match + " accept";
        }
        // icmpx picks ICMP or ICMPv6 by the packet's family, which an inet table needs.
        return match + (r.proto().equals("tcp") ? " reject with tcp reset" : " reject with icmpx type port-unreachable");
    }
}
