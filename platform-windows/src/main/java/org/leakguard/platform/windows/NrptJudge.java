package org.leakguard.platform.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.spi.Finding;

/**
 * Whether the NRPT the DNS client applies ({@link Scripts#NRPT_POLICY}) sends each routed domain's
 * names only to its route's servers, whoever made the rules: every namespace in effect equal to or
 * under a routed domain must list exactly the route's servers, and leakguard's two namespaces for
 * the domain must be in effect. A VPN client's rule for {@code .corp.example} or
 * {@code .vpn.corp.example} sends those names elsewhere while leakguard's own rules are intact.
 *
 * <p>What Get-DnsClientNrptPolicy shows when two local rules list the same namespace, and which
 * one the DNS client follows, is known from no capture or documentation leakguard has; so a local
 * rule of another owner for a routed namespace with other servers counts against the route
 * whether or not the policy in effect shows it. Pure.
 */
final class NrptJudge {
    private NrptJudge() {}

    /**
     * Adds an error per routed domain that does not hold; returns whether all hold.
     *
     * @param rules the local rules of every owner ({@link Scripts#NRPT_RULES})
     * @param gpo a domain GPO's rules are in effect and the local ones ignored (reported apart)
     * @param pending leakguard's own NRPT rules are about to change: its own entries, and its
     *     namespaces missing from the policy in effect, are judged again after apply
     */
    static boolean holds(List<Route> routes, List<NrptRoute> effective, List<NrptRoute> rules, boolean gpo, boolean pending,
            List<Finding> findings) {
        boolean holds = true;
        for (Route route : routes) {
            Set<String> servers = addresses(route.servers().stream().map(Ip::text).toList());
            List<String> texts = ResolversControl.ordered(route.servers()).stream().map(Ip::text).toList();
            for (String domain : route.domains()) {
                List<String> elsewhere = elsewhere(domain, servers, effective, rules, gpo, pending);
                List<String> missing = gpo || pending ? List.of()
                        : List.of("." + domain, domain).stream().filter(n -> effective.stream().noneMatch(e -> e.lists(n))).toList();
                if (elsewhere.isEmpty() && missing.isEmpty()) {
                    continue;
                }
                holds = false;
                List<String> wrong = new ArrayList<>(elsewhere);
                if (!missing.isEmpty()) {
                    wrong.add(String.join(" and ", missing) + " not in effect (Get-DnsClientNrptPolicy -Effective lists no"
                            + " entry), so those names go to the adapters' servers");
                }
                findings.add(Finding.error("resolvers.routes " + domain + ": " + String.join("; ", wrong) + "; its names must go"
                        + " only to the route's servers " + texts + (elsewhere.isEmpty() ? ": apply again to put leakguard's rules back"
                        : ": remove the other owner's rule or give it the route's servers (leakguard changes only its own rules)")));
            }
        }
        return holds;
    }

    /**
     * What sends the domain's names to other servers: entries in effect, grouped by where they send
     * them and whose rules they come from, then other owners' local rules the policy does not show.
     */
    private static List<String> elsewhere(String domain, Set<String> servers, List<NrptRoute> effective, List<NrptRoute> rules,
            boolean gpo, boolean pending) {
        Map<String, List<String>> inEffect = new LinkedHashMap<>();
        Set<NrptRoute> named = new LinkedHashSet<>();
        for (NrptRoute e : effective) {
            String ns = e.namespaces().get(0);
            if (!under(ns, domain) || sends(e, servers)) {
                continue;
            }
            List<NrptRoute> from = gpo ? List.of() : rules.stream().filter(r -> r.lists(ns) && same(r, e)).toList();
            if (pending && !from.isEmpty() && from.stream().allMatch(NrptJudge::ours)) {
                continue; // leakguard's own rule, which the plan replaces
            }
            named.addAll(from);
            String to = e.route().substring(ns.length());
            inEffect.computeIfAbsent(to + " from " + owners(from, gpo), k -> new ArrayList<>()).add(ns);
        }
        List<String> out = new ArrayList<>();
        inEffect.forEach((toFrom, namespaces) -> out.add("in effect " + String.join(", ", namespaces) + toFrom));
        for (NrptRoute r : gpo ? List.<NrptRoute>of() : rules) {
            if (!ours(r) && !named.contains(r) && r.namespaces().stream().anyMatch(n -> under(n, domain)) && !sends(r, servers)) {
                out.add(owners(List.of(r), false) + " lists " + r.route() + " (the policy in effect does not show it, but where"
                        + " two rules list one namespace, which one Windows follows is not documented)");
            }
        }
        return out;
    }

    /** Whether a namespace (a suffix {@code .corp.example} or a name) is {@code domain} or under it. */
    static boolean under(String namespace, String domain) {
        String n = namespace.toLowerCase(Locale.ROOT);
        n = n.startsWith(".") ? n.substring(1) : n;
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
        return n.equals(domain) || n.endsWith("." + domain);
    }

    /** Whether an entry sends its names to exactly these servers: not DirectAccess's, not the adapters'. */
    private static boolean sends(NrptRoute e, Set<String> servers) {
        return e.directAccessServers().isEmpty() && addresses(e.servers()).equals(servers);
    }

    private static boolean same(NrptRoute rule, NrptRoute entry) {
        return addresses(rule.servers()).equals(addresses(entry.servers()))
                && addresses(rule.directAccessServers()).equals(addresses(entry.directAccessServers()));
    }

    /** Addresses in one spelling; text that is no address stays as it is, and so never equals a route's server. */
    private static Set<String> addresses(List<String> texts) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : texts) {
            try {
                out.add(Ip.text(Ip.parse(t)));
            } catch (IllegalArgumentException e) {
                out.add(t);
            }
        }
        return out;
    }

    /** leakguard's rules, found by display name as the scripts' -eq finds them: any case. */
    private static boolean ours(NrptRoute r) {
        return r.owner().equalsIgnoreCase(NrptRule.NAME);
    }

    private static String owners(List<NrptRoute> from, boolean gpo) {
        if (gpo) {
            return "a domain group policy rule (under " + Keys.NRPT_GPO + ")";
        }
        if (from.isEmpty()) {
            return "no local rule Get-DnsClientNrptRule lists";
        }
        return from.stream().map(r -> "rule " + r.name() + (r.owner().equals(r.name()) ? " (no display name)" : " of " + r.owner()))
                .collect(Collectors.joining(", "));
    }
}
