package org.leakguard.platform.linux;

import java.util.List;
import java.util.Set;

/**
 * The DNS settings systemd-resolved holds for one link, written as {@code resolvectl dns} and
 * {@code resolvectl domain} take them, so a before-image can be put back word for word.
 *
 * @param servers {@code 10.1.2.53}, {@code 10.1.2.53:5353#name}, {@code [2001:db8::53]:853}
 * @param domains a routing-only domain with its {@code ~} ({@code ~corp.example}), a search domain without
 */
record LinkDns(List<String> servers, List<String> domains) {
    static final LinkDns NONE = new LinkDns(List.of(), List.of());

    LinkDns {
        servers = List.copyOf(servers);
        domains = List.copyOf(domains);
    }

    /** Same servers and domains, in any order: resolved asks a link's servers as one list either way. */
    boolean sameAs(LinkDns other) {
        return Set.copyOf(servers).equals(Set.copyOf(other.servers)) && Set.copyOf(domains).equals(Set.copyOf(other.domains));
    }

    /** A domain's name without its routing-only mark. */
    static String name(String domain) {
        return domain.startsWith("~") ? domain.substring(1) : domain;
    }

    @Override
    public String toString() {
        return "servers " + servers + ", domains " + domains;
    }
}
