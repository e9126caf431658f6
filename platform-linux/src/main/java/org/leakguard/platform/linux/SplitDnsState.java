package org.leakguard.platform.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was read for routing names by domain through systemd-resolved.
 *
 * @param unavailable why this host cannot route by domain (which stub it lacks), or null when it can
 * @param global resolved's global servers and domains (resolved.conf and its drop-ins)
 * @param links each link's servers and domains as resolved holds them now, by link name
 * @param globalTls the global DNS-over-TLS mode, which a link without its own follows
 * @param linkTls each route link's DNS-over-TLS mode in effect
 * @param serverLinks each route server's address to the link the kernel routes it through
 * @param noLink a route server the kernel has no link for, to why
 * @param boot each of leakguard's split-DNS boot files to its text, or null when absent
 */
record SplitDnsState(String unavailable, LinkDns global, Map<String, LinkDns> links, String globalTls,
        Map<String, String> linkTls, Map<String, String> serverLinks, Map<String, String> noLink, Map<String, String> boot) {

    SplitDnsState {
        links = Map.copyOf(links);
        linkTls = Map.copyOf(linkTls);
        serverLinks = Map.copyOf(serverLinks);
        noLink = Map.copyOf(noLink);
        boot = Collections.unmodifiableMap(new LinkedHashMap<>(boot));
    }

    /** A host that cannot route by domain, and why. */
    static SplitDnsState unavailable(String why, Map<String, String> boot) {
        return new SplitDnsState(why, LinkDns.NONE, Map.of(), "", Map.of(), Map.of(), Map.of(), boot);
    }

    LinkDns link(String name) {
        return links.getOrDefault(name, LinkDns.NONE);
    }
}
