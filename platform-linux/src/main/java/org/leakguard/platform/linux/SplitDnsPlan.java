package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.spi.Finding;

/**
 * Routing by domain through systemd-resolved: resolved.conf has one global server list (v252), so
 * each route's servers go on the link the kernel reaches them through, with the route's domains
 * as routing-only domains ({@code ~corp.example}); the global {@code ~.} keeps every other name on
 * the pinned resolvers. resolved asks the scope with the longest matching domain, so a route
 * domain on another link as well would share the route's names with that link's servers: it is
 * taken off there. Pure: no I/O.
 */
final class SplitDnsPlan {
    /** Routed names use plain DNS to the route's servers, whatever the pinned resolvers use. */
    static final String PLAIN = "no";

    private SplitDnsPlan() {}

    /** Adds the per-link changes and the boot files; false (with an error) when the routes cannot be kept. */
    static boolean plan(Resolvers want, SplitDnsState seen, boolean systemdRuns, List<Change> changes, List<Finding> findings) {
        if (!want.routed()) {
            changes.addAll(SplitDnsBoot.changes(seen.boot(), SplitDnsBoot.wanted(Map.of()), systemdRuns));
            return true;
        }
        if (seen.unavailable() != null) {
            findings.add(Finding.error(seen.unavailable()));
            return false;
        }
        Map<String, LinkDns> wanted = new LinkedHashMap<>();
        if (!links(want, seen, wanted, findings)) {
            return false;
        }
        wanted.forEach((link, dns) -> planLink(link, dns, seen, changes, findings));
        takeOffOtherLinks(want, seen, wanted.keySet(), changes, findings);
        changes.addAll(SplitDnsBoot.changes(seen.boot(), SplitDnsBoot.wanted(wanted), systemdRuns));
        return true;
    }

    /** One route link: compliant when resolved holds exactly the route there, in plain DNS. */
    private static void planLink(String link, LinkDns dns, SplitDnsState seen, List<Change> changes, List<Finding> findings) {
        LinkDns now = seen.link(link);
        String tls = seen.linkTls().getOrDefault(link, "");
        if (now.sameAs(dns) && tls.equals(PLAIN)) {
            findings.add(Finding.info(holds(link, dns)));
            return;
        }
        if (!now.sameAs(dns)) {
            findings.add(Finding.warning("systemd-resolved holds " + now + " for link " + link + "; the routes want " + dns));
        }
        if (!tls.equals(PLAIN)) {
            findings.add(Finding.warning("link " + link + " uses DNS over TLS \"" + tls + "\"" + (tls.equals(seen.globalTls())
                    ? " (the global setting)" : "") + ", and routed names use plain DNS to the route's servers"));
        }
        changes.add(new SetLinkDns(link, dns, PLAIN, "names under " + names(dns) + " go only to " + dns.servers()
                + " through " + link + ", the link the kernel reaches them through, in plain DNS"));
    }

    /**
     * Each route link's wanted settings, into {@code out}: the servers the link reaches, the
     * routes' domains routing-only, and the policy's search domains under them (their short
     * names complete there, not against the pinned resolvers). False when a server has no link,
     * or one link would carry two routes' different servers (resolved asks all of a link's servers
     * for all its domains).
     */
    static boolean links(Resolvers want, SplitDnsState seen, Map<String, LinkDns> out, List<Finding> findings) {
        Map<String, Route> owner = new LinkedHashMap<>();
        Map<String, Set<String>> servers = new LinkedHashMap<>();
        Map<String, Set<String>> domains = new LinkedHashMap<>();
        boolean ok = true;
        for (Route r : want.routes()) {
            Map<String, Set<String>> byLink = new LinkedHashMap<>();
            for (InetAddress a : r.servers()) {
                String address = Addresses.text(a);
                String link = seen.serverLinks().get(address);
                if (link == null) {
                    findings.add(Finding.error("resolvers.routes " + r.domains() + ": no link reaches server " + address + " ("
                            + seen.noLink().getOrDefault(address, "not looked up") + "), so there is no link to route "
                            + r.domains() + " on; bring up the link (the VPN) that reaches it and apply again"));
                    ok = false;
                    continue;
                }
                byLink.computeIfAbsent(link, k -> new LinkedHashSet<>()).add(address);
            }
            for (var e : byLink.entrySet()) {
                Route other = owner.putIfAbsent(e.getKey(), r);
                if (other != null && !servers.get(e.getKey()).equals(e.getValue())) {
                    findings.add(Finding.error("resolvers.routes " + other.domains() + " and " + r.domains()
                            + " both reach their servers through link " + e.getKey() + ", and systemd-resolved asks all of a"
                            + " link's servers for all its domains, so one route's names would reach the other's servers;"
                            + " give the two routes the same servers or reach them through different links"));
                    ok = false;
                    continue;
                }
                servers.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).addAll(e.getValue());
                Set<String> d = domains.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>());
                r.domains().forEach(x -> d.add("~" + x));
                want.searchDomains().stream().filter(r::covers).forEach(d::add);
            }
        }
        servers.forEach((link, s) -> out.put(link, new LinkDns(List.copyOf(s), List.copyOf(domains.get(link)))));
        return ok;
    }

    /**
     * A route's domain (or one under it), or {@code ~.}, on a link that is not the route's: those
     * names would reach that link's servers too.
     */
    private static void takeOffOtherLinks(Resolvers want, SplitDnsState seen, Set<String> routeLinks, List<Change> changes,
            List<Finding> findings) {
        seen.links().forEach((link, dns) -> {
            if (routeLinks.contains(link)) {
                return;
            }
            // "~." on a link ties with the global one: every name would reach that link's servers as well.
            List<String> keep = dns.domains().stream()
                    .filter(d -> !d.equals("~.") && want.routeFor(LinkDns.name(d)).isEmpty()).toList();
            if (keep.size() < dns.domains().size()) {
                List<String> dropped = dns.domains().stream().filter(d -> !keep.contains(d)).toList();
                findings.add(Finding.warning("link " + link + " routes " + dropped + " to its own servers " + dns.servers()
                        + " as well, so those names would reach them; they are taken off that link"));
                changes.add(new SetLinkDns(link, new LinkDns(dns.servers(), keep), null, "names under " + dropped
                        + " go only to their route's servers, not to " + link + "'s"));
            }
        });
    }

    private static String holds(String link, LinkDns dns) {
        return "names under " + names(dns) + " go only to " + dns.servers() + " through link " + link
                + " (systemd-resolved's per-link routing domains); every other name goes to the pinned resolvers (~.)";
    }

    private static List<String> names(LinkDns dns) {
        return dns.domains().stream().filter(d -> d.startsWith("~")).map(LinkDns::name).toList();
    }
}
