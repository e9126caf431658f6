package org.leakguard.platform.linux;

import java.util.List;

/**
 * One section of {@code resolvectl status}: "Global" or "Link 3 (tun0)".
 *
 * @param servers its DNS servers
 * @param domains its domains as printed: {@code ~corp.example} routing-only, {@code corp.example} search (which routes too)
 * @param defaultRoute whether names under no domain may go to it, or null when not printed
 */
record ResolvedScope(String name, List<String> servers, List<String> domains, Boolean defaultRoute) {
    ResolvedScope {
        servers = List.copyOf(servers);
        domains = List.copyOf(domains);
    }

    /** The names this scope routes: every domain but {@code ~.}, which is the default route itself. */
    List<String> routed() {
        return domains.stream().map(LinkDns::name).filter(d -> !d.equals(".")).toList();
    }
}
