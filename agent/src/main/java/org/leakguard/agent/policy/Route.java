package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Split DNS: names under {@code domains} go only to {@code servers}; every other name goes to the
 * pinned {@code resolvers.servers}. Domains are kept lower-case without a trailing dot.
 *
 * @param probeName a fixed name under the route that its servers answer, so the verifier can show
 *     the route works even without a canary
 * @param canary a canary authority under the route's domains, to prove its names reach only its
 *     servers; an empty {@code expect} means the route's servers
 */
public record Route(
        List<String> domains,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> servers,
        String probeName,
        Canary canary) {

    public Route {
        domains = domains == null ? List.of() : domains.stream().map(Route::normal).toList();
        servers = servers == null ? List.of() : List.copyOf(servers);
        probeName = probeName == null ? null : normal(probeName);
    }

    public Route(List<String> domains, List<InetAddress> servers) {
        this(domains, servers, null, null);
    }

    /** Whether {@code name} is one of the domains or under one. */
    public boolean covers(String name) {
        return domainOf(name) != null;
    }

    /** The route's domain that {@code name} is in, or null. */
    public String domainOf(String name) {
        String n = normal(name);
        for (String d : domains) {
            if (Route.within(n, d)) {
                return d;
            }
        }
        return null;
    }

    /** The resolvers a route canary may see asking: its {@code expect}, or else the route's servers. */
    public List<InetAddress> canaryExpect() {
        return canary == null || canary.expect().isEmpty() ? servers : canary.expect();
    }

    /** Whether {@code name} equals {@code domain} or lies under it, both already normal. */
    static boolean within(String name, String domain) {
        return name.equals(domain) || name.endsWith("." + domain);
    }

    static String normal(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }
}
