package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The only resolvers the host may use, and how they are protected.
 *
 * @param routes split DNS: names under a route's domains go only to its servers, all others to
 *     {@code servers}; empty when every name goes to {@code servers}
 */
public record Resolvers(
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> servers,
        List<String> searchDomains,
        Fallback fallback,
        Boolean protectFromOverwrite,
        Encryption encryption,
        String tlsName,
        String dohTemplate,
        List<Route> routes) {

    public Resolvers {
        servers = servers == null ? List.of() : List.copyOf(servers);
        searchDomains = searchDomains == null ? List.of() : List.copyOf(searchDomains);
        fallback = fallback == null ? Fallback.DENY : fallback;
        protectFromOverwrite = protectFromOverwrite == null ? Boolean.TRUE : protectFromOverwrite;
        encryption = encryption == null ? Encryption.NONE : encryption;
        routes = routes == null ? List.of() : List.copyOf(routes);
    }

    /** Every setting but routes: one list of resolvers for every name. */
    public Resolvers(List<InetAddress> servers, List<String> searchDomains, Fallback fallback,
            Boolean protectFromOverwrite, Encryption encryption, String tlsName, String dohTemplate) {
        this(servers, searchDomains, fallback, protectFromOverwrite, encryption, tlsName, dohTemplate, null);
    }

    public boolean protect() {
        return protectFromOverwrite;
    }

    /** Whether some names go elsewhere than {@code servers}. */
    public boolean routed() {
        return !routes.isEmpty();
    }

    /** The route {@code name} falls under, or empty when it goes to the pinned servers. */
    public Optional<Route> routeFor(String name) {
        return routes.stream().filter(r -> r.covers(name)).findFirst();
    }

    /** Every resolver the host may reach: the pinned ones, then each route's, without repeats. */
    public List<InetAddress> allServers() {
        Set<InetAddress> all = new LinkedHashSet<>(servers);
        routes.forEach(r -> all.addAll(r.servers()));
        return List.copyOf(all);
    }
}
