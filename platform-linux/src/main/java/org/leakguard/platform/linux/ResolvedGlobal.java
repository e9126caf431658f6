package org.leakguard.platform.linux;

import java.util.List;

/**
 * systemd-resolved's global settings as the running daemon holds them (the Manager's properties
 * over D-Bus), in resolvectl's words: what it uses now, whatever its files say.
 *
 * @param servers the global DNS servers ({@code DNSEx}, link 0), {@code 10.1.2.53#name} as {@link LinkDns}
 * @param fallback the fallback servers ({@code FallbackDNSEx}), used while no other server is known
 * @param domains the global domains ({@code Domains}, link 0), routing-only ones with their {@code ~}
 * @param dnsOverTls {@code DNSOverTLS}: no, opportunistic or yes
 * @param llmnr {@code LLMNR}: yes, resolve or no
 * @param multicastDns {@code MulticastDNS}: yes, resolve or no
 */
record ResolvedGlobal(List<String> servers, List<String> fallback, List<String> domains, String dnsOverTls, String llmnr,
        String multicastDns) {

    ResolvedGlobal {
        servers = List.copyOf(servers);
        fallback = List.copyOf(fallback);
        domains = List.copyOf(domains);
    }
}
