package org.leakguard.agent.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whom a canary's name may reach, and what every other resolver the policy knows is. The general
 * canary's names belong to the pinned resolvers and a route canary's to the route's servers; the
 * roles let a leak be reported as what it is: corporate names at the pinned (public) resolver, or
 * public names at the corporate one.
 *
 * @param domains the route's domains; empty for the general canary
 * @param servers the route's servers, asked directly so that a route that is down (off the VPN)
 *     is told apart from names that went elsewhere; empty for the general canary
 * @param expect the resolvers that may ask for the canary's names
 * @param roles what a known resolver is, by its address: {@link #PINNED} or {@code "route <domains>"}
 */
record CanaryRule(List<String> domains, List<InetAddress> servers, List<InetAddress> expect, Map<String, String> roles) {
    static final String PINNED = "pinned";
    static final String DIAGNOSE = "`agent diagnose` shows the per-domain routing the host has";

    CanaryRule {
        domains = List.copyOf(domains);
        servers = List.copyOf(servers);
        expect = List.copyOf(expect);
        roles = Map.copyOf(roles);
    }

    /** The general canary: only {@code expect} (the pinned resolvers, or who they forward from) may ask. */
    static CanaryRule general(List<InetAddress> expect, Map<String, String> roles) {
        return new CanaryRule(List.of(), List.of(), expect, roles);
    }

    boolean routed() {
        return !domains.isEmpty();
    }

    /** As {@link #judge(List, boolean)} with the route's servers answering. */
    Probe.Observed judge(List<String> askers) {
        return judge(askers, true);
    }

    /**
     * Pass only when at least one resolver asked and every one is expected. When none asked for a
     * route's name and its servers do not answer either, nothing can be told: the route is down,
     * which is not a leak, or its names went to a resolver that cannot reach the authority.
     */
    Probe.Observed judge(List<String> askers, boolean serversAnswer) {
        if (askers.isEmpty()) {
            String none = "no resolver reached the canary authority";
            String servers = " (" + String.join(", ", addresses(this.servers)) + ")";
            if (routed() && !serversAnswer) {
                return new Probe.Observed(none + ", and the route's servers" + servers + " do not answer either (is the VPN"
                        + " down?): cannot tell where names under " + scope() + " go", null);
            }
            return new Probe.Observed(routed() ? none + ": names under " + scope() + " did not reach the route's servers"
                    + servers + ", which answer, nor any resolver that reaches its authority; " + DIAGNOSE : none, false);
        }
        List<String> allowed = allowed();
        List<String> leaks = new ArrayList<>();
        boolean pinned = false;
        boolean corporate = false;
        for (String a : askers) {
            String role = roles.get(normal(a));
            if (!allowed.contains(normal(a))) {
                leaks.add(role == null ? a : a + " (" + role + ")");
                pinned |= PINNED.equals(role);
                corporate |= role != null && !PINNED.equals(role);
            }
        }
        String seen = "asked by " + String.join(", ", askers);
        if (leaks.isEmpty()) {
            return new Probe.Observed(routed() ? seen + ": names under " + scope() + " reach only the route's servers" : seen, true);
        }
        return new Probe.Observed(seen + "; not allowed: " + String.join(", ", leaks) + finding(pinned, corporate), false);
    }

    /** What a leak means and what to do, for the report's non-compliant result. */
    private String finding(boolean pinned, boolean corporate) {
        if (routed()) {
            return ": corporate names go to " + (pinned ? "the pinned (public) resolver" : "resolvers outside the route")
                    + ", a leak of internal names; send names under " + scope() + " only to " + String.join(", ", allowed())
                    + " (spec.resolvers.routes); " + DIAGNOSE;
        }
        return corporate ? ": public names go to the corporate resolver; names outside spec.resolvers.routes must reach"
                + " only the pinned resolvers (spec.resolvers.servers); " + DIAGNOSE : "";
    }

    private String scope() {
        return String.join(", ", domains);
    }

    List<String> allowed() {
        return addresses(expect);
    }

    /** Who is who among the resolvers a policy names: the pinned first, then each route's. */
    static Map<String, String> roles(List<InetAddress> pinned, Map<String, List<InetAddress>> routes) {
        Map<String, String> out = new LinkedHashMap<>();
        pinned.forEach(a -> out.putIfAbsent(normal(a.getHostAddress()), PINNED));
        routes.forEach((domains, servers) -> servers.forEach(a -> out.putIfAbsent(normal(a.getHostAddress()), "route " + domains)));
        return out;
    }

    static List<String> addresses(List<InetAddress> list) {
        return list.stream().map(InetAddress::getHostAddress).map(CanaryRule::normal).toList();
    }

    /** One spelling per address, so "2001:db8::53" and "2001:db8:0:0:0:0:0:53" compare equal. */
    static String normal(String literal) {
        try {
            return org.xbill.DNS.Address.getByAddress(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
