package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code resolvers}: the pinned servers on every adapter that is up (static servers override
 * DHCP on Windows), plus an NRPT rule for "." naming them and one per routed domain naming the
 * route's servers. The rules are what hold on every Windows edition: smart multi-homed
 * resolution ignores adapter order, not NRPT. Routes are judged by the NRPT in effect, where
 * another owner's rule (a VPN client's) can send routed names elsewhere ({@link NrptJudge}).
 */
final class ResolversControl implements Control<ResolversSeen> {
    static final String TCPIP = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters";
    static final String SEARCH_LIST = "SearchList";

    @Override
    public String id() {
        return "resolvers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null;
    }

    @Override
    public ResolversSeen observe(Spec spec, Host host) throws IOException {
        Registry r = Ports.registry(host);
        List<Adapter> adapters = Ports.adapters(host).list();
        Map<String, List<String>> statics = new LinkedHashMap<>();
        for (Adapter a : adapters) {
            List<String> both = new ArrayList<>(NameServers.read(r, NameServers.v4Key(a.guid())));
            both.addAll(NameServers.read(r, NameServers.v6Key(a.guid())));
            statics.put(a.guid(), both);
        }
        List<NrptRule> nrpt = NrptRule.read(host);
        List<NrptRoute> rules = List.of();
        List<NrptRoute> effective = List.of();
        if (spec.resolvers().routed()) {
            // Routed names are judged by the policy in effect, whoever's rules make it.
            ObjectNode all = PowerShell.JSON.createObjectNode();
            all.putObject("subject");
            rules = NrptRoute.parseRules(PowerShell.parse(PowerShell.run(host, Scripts.NRPT_RULES, all)));
            effective = NrptRoute.parsePolicy(PowerShell.parse(PowerShell.run(host, Scripts.NRPT_POLICY, all)));
        }
        List<String> search = r.value(TCPIP, SEARCH_LIST).map(v -> NameServers.parse(v.string())).orElse(List.of());
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        Set<String> listed = PsJson.strings(PowerShell.parse(PowerShell.run(host, Scripts.NET_ADAPTERS, in))).stream()
                .map(g -> g.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
        return new ResolversSeen(adapters, statics, nrpt, r.subkeys(Keys.NRPT_GPO), search, listed, rules, effective);
    }

    @Override
    public Assessment plan(Spec spec, ResolversSeen seen) {
        Resolvers want = spec.resolvers();
        List<Finding> findings = new ArrayList<>();
        List<InetAddress> pinned = ordered(want.servers());
        // Without pinned servers only the routes' rules are leakguard's to keep; a "." rule is left as it is.
        List<NrptRule> kept = pinned.isEmpty() ? seen.nrpt().stream().filter(r -> !r.namespaces().contains(NrptRule.ANY)).toList()
                : seen.nrpt();
        List<NrptRule> rules = new ArrayList<>();
        for (Route r : want.routes()) {
            r.domains().forEach(d -> rules.add(NrptRule.route(d, ordered(r.servers()))));
        }
        // The routes' rules go first: while the adapters and the "." rule change, every routed name
        // already has its own servers; a rollback, in reverse, removes them last.
        List<Change> changes = new ArrayList<>(NrptPlan.updates(rules, kept));
        if (pinned.isEmpty()) {
            findings.add(Finding.info("resolvers.servers is empty: adapter DNS servers and the NRPT \".\" rule are left alone"));
        } else {
            pin(pinned, seen, changes, findings);
            rules.add(NrptRule.any(pinned));
            changes.addAll(NrptPlan.updates(List.of(NrptRule.any(pinned)), kept));
        }
        changes.addAll(NrptPlan.removals(rules, kept));
        boolean pending = changes.stream().anyMatch(c -> c instanceof ScriptState s && s.kind() == ScriptKind.NRPT_RULE);
        boolean holds = gpo(want, seen, findings)
                & NrptJudge.holds(want.routes(), seen.effective(), seen.rules(), !seen.gpoNrpt().isEmpty(), pending, findings);
        if (!pinned.isEmpty()) {
            searchList(want, seen, changes);
            if (want.protect()) {
                findings.add(Finding.info("static servers take precedence over DHCP on Windows; a VPN client that"
                        + " sets its own servers is reported by the next check"));
            }
        }
        return holds ? Assessment.of(changes, findings) : new Assessment(Status.NON_COMPLIANT, changes, findings);
    }

    /** The pinned servers on every adapter that carries DNS and that Get-NetAdapter lists. */
    private static void pin(List<InetAddress> pinned, ResolversSeen seen, List<Change> changes, List<Finding> findings) {
        List<String> texts = pinned.stream().map(Ip::text).toList();
        List<String> pinnedOn = new ArrayList<>();
        List<String> leftAlone = new ArrayList<>();
        List<String> unlisted = new ArrayList<>();
        for (Adapter a : seen.adapters()) {
            if (!a.carriesDns()) {
                leftAlone.add(a.alias() + (!a.up() ? " (down)" : a.ifType() == Adapter.LOOPBACK ? " (loopback)" : " (transition tunnel)"));
                continue;
            }
            if (!seen.listed().contains(a.guid().toUpperCase(Locale.ROOT))) {
                unlisted.add(a.alias() + " " + a.guid() + " (type " + a.ifType() + ")");
                continue;
            }
            pinnedOn.add(a.alias());
            List<InetAddress> now = seen.staticServers().getOrDefault(a.guid(), List.of()).stream().map(Ip::parse).toList();
            if (!now.equals(pinned)) {
                changes.add(new AdapterDns(a.guid(), a.alias(), texts, now.isEmpty()
                        ? "replaces the servers DHCP gave it" : "replaces its static servers " + now.stream().map(Ip::text).toList()));
            }
        }
        findings.add(Finding.info("adapters pinned: " + (pinnedOn.isEmpty() ? "none is up" : String.join(", ", pinnedOn))
                + (leftAlone.isEmpty() ? "" : "; left alone: " + String.join(", ", leftAlone)
                + " (an adapter that comes up later is pinned by the next apply; the NRPT rule covers it meanwhile)")));
        if (!unlisted.isEmpty()) {
            findings.add(Finding.warning("not pinned: " + String.join(", ", unlisted) + ": Get-NetAdapter does not list"
                    + " them (RAS, PPP and some VPN adapters), so their DNS servers cannot be set; the NRPT \".\" rule"
                    + " sends every name to the pinned servers on them too, and firewall.plainDns: block-others blocks DNS to"
                    + " any other server"));
        }
    }

    /** IPv4 first, then IPv6, each in policy order: the order the registry keeps them in. */
    static List<InetAddress> ordered(List<InetAddress> servers) {
        List<InetAddress> out = new ArrayList<>(servers.stream().filter(a -> !Ip.isV6(a)).distinct().toList());
        out.addAll(servers.stream().filter(Ip::isV6).distinct().toList());
        return out;
    }

    /**
     * A domain GPO's NRPT rules make Windows ignore every local rule: with routes, routed names then
     * go to the pinned servers (non-compliant); without, a warning. Returns whether it holds.
     */
    private static boolean gpo(Resolvers want, ResolversSeen seen, List<Finding> findings) {
        if (seen.gpoNrpt().isEmpty() || want.servers().isEmpty() && !want.routed()) {
            return true;
        }
        String where = "a domain group policy defines NRPT rules (" + seen.gpoNrpt().size() + " under " + Keys.NRPT_GPO
                + "), so Windows ignores every local NRPT rule, leakguard's included";
        if (!want.routed()) {
            findings.add(Finding.warning(where + "; ask the GPO's owner to add a \".\" rule for the pinned servers there"));
            return true;
        }
        // Without its rule a routed name goes to the pinned servers: internal names leak to them.
        findings.add(Finding.error(where + ", so names under " + String.join(", ", want.routes().stream()
                .flatMap(r -> r.domains().stream()).toList()) + " would go to the pinned servers; ask the GPO's owner to add"
                + " the routes' rules (and a \".\" rule for the pinned servers) there"));
        return false;
    }

    private static void searchList(Resolvers want, ResolversSeen seen, List<Change> changes) {
        if (!want.searchDomains().isEmpty() && !seen.searchList().equals(want.searchDomains())) {
            changes.add(new RegistryWrite(TCPIP, List.of(new RegEntry(SEARCH_LIST, RegValue.sz(String.join(",",
                    want.searchDomains())))), "the DNS suffix search list, as Set-DnsClientGlobalSetting -SuffixSearchList writes it"));
        }
    }
}
