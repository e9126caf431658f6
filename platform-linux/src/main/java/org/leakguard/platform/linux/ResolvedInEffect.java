package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.leakguard.agent.policy.Resolvers;

/**
 * Whether the running systemd-resolved uses what leakguard's drop-in sets: a drop-in is read only
 * when the daemon starts, so a file that is right says nothing about the servers in use until then.
 * Pure: compares values, no I/O.
 */
final class ResolvedInEffect {
    private ResolvedInEffect() {}

    /**
     * Each setting of the drop-in for {@code want} that the running daemon does not hold, as
     * {@code "DNS [192.0.2.9] instead of [198.51.100.53]"}; empty when it holds them all.
     */
    static List<String> differences(Resolvers want, ResolvedGlobal running) {
        Map<String, String> keys = ResolvedDropIn.keys(want);
        List<String> out = new ArrayList<>();
        // A server with an IPv6 scope is listed under its link, among that link's own: only the others are compared.
        List<String> servers = words(keys.get("DNS")).stream().filter(s -> !s.contains("%")).toList();
        if (!running.servers().equals(servers)) {
            out.add("DNS " + running.servers() + " instead of " + servers);
        }
        List<String> domains = normalized(words(keys.get("Domains")));
        List<String> held = normalized(running.domains());
        boolean domainsHeld = want.searchDomains().isEmpty() ? held.contains("~.") : held.equals(domains);
        if (!domainsHeld) {
            out.add("Domains " + running.domains() + (want.searchDomains().isEmpty() ? " without ~." : " instead of " + domains));
        }
        if (keys.containsKey("FallbackDNS") && !running.fallback().isEmpty()) {
            out.add("FallbackDNS " + running.fallback() + " instead of none");
        }
        mode(out, "DNSOverTLS", keys.get("DNSOverTLS"), running.dnsOverTls());
        mode(out, "LLMNR", keys.get("LLMNR"), running.llmnr());
        mode(out, "MulticastDNS", keys.get("MulticastDNS"), running.multicastDns());
        return out;
    }

    /**
     * The servers {@link #differences} could not compare: those with an IPv6 scope, which resolved
     * lists under their link's index, where they cannot be told from the link's own (DHCP) servers.
     */
    static List<String> notCompared(Resolvers want) {
        return words(ResolvedDropIn.keys(want).get("DNS")).stream().filter(s -> s.contains("%")).toList();
    }

    private static void mode(List<String> out, String key, String wanted, String held) {
        if (wanted != null && !wanted.equals(held)) {
            out.add(key + " " + held + " instead of " + wanted);
        }
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }

    /** resolved keeps domains lower-case, once each and without the final dot; "~." is the root. */
    private static List<String> normalized(List<String> domains) {
        return domains.stream().map(d -> d.toLowerCase(Locale.ROOT))
                .map(d -> d.endsWith(".") && !d.equals("~.") && !d.equals(".") ? d.substring(0, d.length() - 1) : d)
                .distinct().toList();
    }
}
