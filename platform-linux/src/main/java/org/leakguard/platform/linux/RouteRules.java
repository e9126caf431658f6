package org.leakguard.platform.linux;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.json.Trees;
import org.leakguard.agent.spi.Finding;

/**
 * The second firewall layer: policy-routing rules (Linux 4.17 and later match protocol and port)
 * that no {@code nft flush ruleset} touches. Ahead of the host's rules, DNS to a pinned resolver
 * jumps past the block; any other on the ports the nft table rejects to every destination (53,
 * 853) meets {@code prohibit}, which fails a local send at once (EACCES) and answers a routed
 * packet with ICMP. Loopback is never affected: the local table comes first (priority 0). Pure.
 */
final class RouteRules {
    /** leakguard's routing protocol number: unassigned in iproute2's rt_protos. */
    static final String PROTOCOL = "176";
    /**
     * Early, so that a host's rule whose table routes everything (a full-tunnel VPN's) cannot come
     * first; DNS to a pinned resolver jumps to the next priority, so it skips none of the host's rules.
     */
    static final int ALLOW = 100;
    static final int BLOCK = 101;
    static final int AFTER = 102;
    /**
     * The captive-portal window's own rules, before the firewall's: DNS to the network's resolver
     * jumps past the block while the window is open. The firewall control neither reads nor
     * replaces them; the window adds and removes them.
     */
    static final int PORTAL = 99;
    static final List<String> LIST4 = List.of("ip", "-N", "-j", "-4", "rule", "show");
    static final List<String> LIST6 = List.of("ip", "-N", "-j", "-6", "rule", "show");
    static final List<String> BATCH4 = List.of("ip", "-4", "-batch", "-");
    static final List<String> BATCH6 = List.of("ip", "-6", "-batch", "-");
    private static final JsonFactory JSON = new JsonFactory();
    /** With -N (numbers, so no host's rt_protos renames leakguard's protocol), ip prints these as numbers. */
    private static final Map<String, String> NUMERIC_PROTOCOLS = Map.of("ipproto-17", "udp", "ipproto-6", "tcp");
    private static final Map<String, String> NUMERIC_ACTIONS = Map.of("6", "blackhole", "7", "unreachable", "8", "prohibit");

    private RouteRules() {}

    /**
     * The rules for what the nft table rejects to any destination, with the pinned resolvers, the
     * routes' servers and the excepted uids let past. None where an exception names a cgroup:
     * no routing rule can tell a cgroup, so a prohibit would stop that identity's DNS before the
     * nft table ever let it through.
     */
    static List<RouteRule> wanted(FirewallWanted want) {
        Set<Integer> ports = new TreeSet<>();
        want.output().stream().filter(r -> !r.accept() && r.set() == null).forEach(r -> ports.add(r.port()));
        List<RouteRule> out = new ArrayList<>();
        if (ports.isEmpty() || !cgroupExceptions(want).isEmpty()) {
            return out;
        }
        Set<Long> uids = new TreeSet<>();
        want.output().stream().filter(r -> r.owner() != null && r.owner().uid() != null).forEach(r -> uids.add(r.owner().uid()));
        for (boolean v6 : new boolean[] {false, true}) {
            List<InetAddress> allowed = new ArrayList<>();
            for (String set : v6 ? List.of(FirewallRules.OK6, FirewallRules.ROUTE6) : List.of(FirewallRules.OK4, FirewallRules.ROUTE4)) {
                allowed.addAll(want.sets().getOrDefault(set, List.of()));
            }
            for (InetAddress a : Addresses.distinctSorted(allowed)) {
                for (String proto : List.of("udp", "tcp")) {
                    ports.forEach(p -> out.add(new RouteRule(v6, ALLOW, Addresses.text(a), null, proto, p, "goto " + AFTER)));
                }
            }
            for (Long uid : uids) {
                for (String proto : List.of("udp", "tcp")) {
                    ports.forEach(p -> out.add(new RouteRule(v6, ALLOW, null, uid, proto, p, "goto " + AFTER)));
                }
            }
            for (String proto : List.of("udp", "tcp")) {
                ports.forEach(p -> out.add(new RouteRule(v6, BLOCK, null, null, proto, p, "prohibit")));
            }
            out.add(new RouteRule(v6, AFTER, null, null, null, 0, "nop"));
        }
        return out;
    }

    /** The cgroup paths the wanted rules let through, which leave no room for the routing layer. */
    static List<String> cgroupExceptions(FirewallWanted want) {
        return want.output().stream().filter(r -> r.owner() != null && r.owner().cgroup() != null)
                .map(r -> r.owner().cgroup()).distinct().toList();
    }

    /**
     * leakguard's firewall rules in {@code ip -N -j rule show} output, in the kernel's order; the
     * host's are skipped, and so are the captive-portal window's (priority {@link #PORTAL}).
     */
    static List<RouteRule> parse(String json, boolean v6) throws IOException {
        return parseAll(json, v6).stream().filter(r -> r.pref() != PORTAL).toList();
    }

    /** The captive-portal window's rules alone. */
    static List<RouteRule> parsePortal(String json, boolean v6) throws IOException {
        return parseAll(json, v6).stream().filter(r -> r.pref() == PORTAL).toList();
    }

    private static List<RouteRule> parseAll(String json, boolean v6) throws IOException {
        JsonNode root;
        try (JsonParser p = JSON.createParser(json)) {
            root = Trees.read(p);
        }
        if (root == null || !root.isArray()) {
            throw new IOException("not ip -j rule output: no JSON array");
        }
        List<RouteRule> out = new ArrayList<>();
        for (JsonNode r : root) {
            if (!PROTOCOL.equals(r.path("protocol").asText())) {
                continue;
            }
            String to = r.has("dst") ? r.get("dst").asText() + (r.has("dstlen") ? "/" + r.get("dstlen").asText() : "") : null;
            String action = r.has("goto") ? "goto " + r.get("goto").asText()
                    : r.has("nop") ? "nop"
                    : r.has("action") ? NUMERIC_ACTIONS.getOrDefault(r.get("action").asText(), r.get("action").asText())
                    : r.has("table") ? "table " + r.get("table").asText() : "nop";
            String proto = r.has("ipproto") ? NUMERIC_PROTOCOLS.getOrDefault(r.get("ipproto").asText(), r.get("ipproto").asText()) : null;
            Long uid = r.has("uid_start") && r.path("uid_start").asLong() == r.path("uid_end").asLong()
                    ? Long.valueOf(r.get("uid_start").asLong()) : null;
            out.add(new RouteRule(v6, r.path("priority").asInt(), to, uid, proto, r.path("dport").asInt(0), action));
        }
        return out;
    }

    /** The change that brings leakguard's rules to what is wanted, if any; the second layer is never a reason for unknown. */
    static List<Change> plan(Optional<FirewallWanted> want, RouteRulesSeen seen, List<Finding> findings) {
        List<RouteRule> all = want.map(RouteRules::wanted).orElse(List.of());
        List<RouteRule> w = usable(want, seen);
        List<String> cgroups = want.map(RouteRules::cgroupExceptions).orElse(List.of());
        if (!cgroups.isEmpty() && seen.problem() == null) {
            findings.add(Finding.warning("no second layer under the nft rules: policy-routing rules cannot tell a cgroup, so"
                    + " they would stop the DNS of " + cgroups + " that the exception lets through; a flush of the whole"
                    + " ruleset leaves DNS open until the table is back (a user exception keeps the layer)"));
        }
        if (seen.problem() != null) {
            if (!all.isEmpty()) {
                findings.add(Finding.info("no second layer under the nft rules: " + seen.problem()
                        + "; a flush of the whole ruleset leaves DNS open until the table is back"));
            }
            return List.of();
        }
        if (w.size() < all.size()) {
            findings.add(Finding.info("the kernel keeps no IPv6 rule list (IPv6 is off at boot): IPv4 policy-routing rules only"));
        }
        if (w.equals(seen.rules())) {
            if (!w.isEmpty()) {
                findings.add(Finding.info(w.size() + " policy-routing rules hold DNS to the pinned resolvers under any nft flush"));
            }
            return List.of();
        }
        if (w.isEmpty()) {
            return List.of(new SetRouteRules(w, "the firewall section blocks no port: remove leakguard's policy-routing rules"));
        }
        findings.add(Finding.warning(seen.rules().isEmpty() ? "leakguard's policy-routing rules are missing"
                : "leakguard's policy-routing rules differ: " + seen.rules().size() + " found, " + w.size() + " wanted"));
        return List.of(new SetRouteRules(w, "DNS (" + ports(w) + ") only to the pinned resolvers, under the nft table"
                + " and out of reach of a ruleset flush"));
    }

    /** The wanted rules this host can hold: none where the layer is unavailable, IPv4 only without an IPv6 rule list. */
    static List<RouteRule> usable(Optional<FirewallWanted> want, RouteRulesSeen seen) {
        List<RouteRule> w = seen.problem() != null ? List.of() : want.map(RouteRules::wanted).orElse(List.of());
        return seen.v6() ? w : family(w, false);
    }

    private static String ports(List<RouteRule> rules) {
        return String.join(", ", rules.stream().filter(r -> r.ipproto() != null)
                .map(r -> r.ipproto() + " " + r.dport()).distinct().sorted().toList());
    }

    /** One family's {@code ip -batch} text: the rules there now deleted, the wanted ones added. */
    static String batch(List<RouteRule> now, List<RouteRule> want) {
        StringBuilder out = new StringBuilder();
        now.forEach(r -> out.append(r.line("del")).append('\n'));
        want.forEach(r -> out.append(r.line("add")).append('\n'));
        return out.toString();
    }

    static List<RouteRule> family(List<RouteRule> rules, boolean v6) {
        return rules.stream().filter(r -> r.v6() == v6).toList();
    }
}
