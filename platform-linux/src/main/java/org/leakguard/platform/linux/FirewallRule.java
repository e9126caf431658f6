package org.leakguard.platform.linux;

/**
 * One rule of leakguard's firewall, independent of nft or iptables syntax. Allowed traffic is
 * matched to a set of addresses (or loopback); blocked traffic is rejected, never dropped, so an
 * application learns at once that the path is closed: TCP gets a reset, UDP an ICMP port
 * unreachable.
 *
 * @param id what the rule is carried as ({@code comment "lg:<id>"})
 * @param proto "udp", "tcp", or "tcp,udp" (accept rules only); null for the loopback rule
 * @param set the address set the destination must be in, or null for any destination
 * @param accept true to let the packet through, false to reject it
 * @param owner the program identity whose packets alone the rule matches, or null for anyone's
 */
record FirewallRule(String id, String proto, int port, String set, boolean accept, Owner owner) {
    static final String BOTH = "tcp,udp";

    static FirewallRule loopback() {
        return new FirewallRule("loopback", null, 0, null, true, null);
    }

    static FirewallRule allow(String id, String proto, int port, String set) {
        return new FirewallRule(id, proto, port, set, true, null);
    }

    /** An exception: one identity's DNS on {@code port}, TCP and UDP, to any address. */
    static FirewallRule exception(Owner owner, int port) {
        return new FirewallRule("except-" + owner.id() + "-" + port, BOTH, port, null, true, owner);
    }

    static FirewallRule reject(String id, String proto, int port, String set) {
        if (BOTH.equals(proto)) {
            throw new IllegalArgumentException("a reject is per protocol: TCP resets, UDP gets ICMP");
        }
        return new FirewallRule(id, proto, port, set, false, null);
    }

    boolean isLoopback() {
        return proto == null;
    }

    /** Whether the rule's set holds IPv6 addresses; sets are named with a trailing 4 or 6. */
    boolean v6Set() {
        return set != null && set.endsWith("6");
    }
}
