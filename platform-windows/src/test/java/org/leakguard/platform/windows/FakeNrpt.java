package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The Name Resolution Policy Table as the DnsClient cmdlets hold it: local rules (leakguard's and
 * other owners', such as a VPN client's) and the rules a domain GPO deploys, each as
 * Get-DnsClientNrptRule prints it, answering the NRPT scripts of {@link Scripts}. Like the real
 * table it is keyed by a GUID the DNS client makes up, lists rules in the order of those keys
 * (not the order they were added in), compares display names as the scripts' -eq does (any
 * case), fails as the cmdlets do, and computes the policy in effect as the DNS client does: Group
 * Policy's rules when there are any, else the local ones, one entry per namespace ({@link Shared}
 * for a namespace two rules share).
 */
final class FakeNrpt {
    /** One rule, with the properties Get-DnsClientNrptRule prints (the captures' field names). */
    record Rule(String name, int version, List<String> namespace, List<String> nameServers, List<String> directAccessDnsServers,
            String displayName, String comment) {
        Rule {
            namespace = List.copyOf(namespace);
            nameServers = List.copyOf(nameServers);
            directAccessDnsServers = List.copyOf(directAccessDnsServers);
        }

        /** A rule as a capture of Get-DnsClientNrptRule printed it (list view, read by {@link PsList}). */
        static Rule captured(Map<String, String> printed) {
            return new Rule(printed.get("Name"), Integer.parseInt(printed.getOrDefault("Version", "2")), PsList.items(printed.get("Namespace")),
                    PsList.items(printed.getOrDefault("NameServers", "")), PsList.items(printed.getOrDefault("DirectAccessDnsServers", "")),
                    printed.getOrDefault("DisplayName", ""), printed.getOrDefault("Comment", ""));
        }

        Rule with(List<String> ns, List<String> servers) {
            return new Rule(name, version, ns, servers, directAccessDnsServers, displayName, comment);
        }
    }

    /**
     * What Get-DnsClientNrptPolicy prints when two rules in effect list the same namespace. The
     * captures show one entry a namespace in the order of the rules' keys, but each of their rules
     * lists namespaces of its own (the DirectAccess ones: .corp.contoso.com and nls.corp.contoso.com);
     * no capture and no documentation shows two rules sharing one. So the fake does not invent an
     * answer: by default it fails the test that reaches that case, and a test that must hold
     * whatever Windows does runs under each candidate below, none of which is known to be Windows'.
     */
    enum Shared {
        /** Not known: a test that reaches two rules sharing a namespace fails, saying so. */
        UNKNOWN,
        /** Candidate: an entry per rule, the namespace repeated. */
        EACH_RULE,
        /** Candidate: one entry, from the rule whose key sorts first. */
        FIRST_KEY,
        /** Candidate: one entry, from the rule whose key sorts last. */
        LAST_KEY
    }

    /** How {@link Scripts#NRPT_POLICY} answers for a namespace two rules in effect share. */
    Shared shared = Shared.UNKNOWN;

    /** Local rules ({@code Dnscache\Parameters\DnsPolicyConfig}): what Get-DnsClientNrptRule lists. */
    final List<Rule> local = new ArrayList<>();
    /** Rules a domain GPO deploys: while there is one, the DNS client ignores every local rule. */
    final List<Rule> gpo = new ArrayList<>();
    private final FakeWindows win;
    /** The DNS client's GUIDs: random, so the listing order is unrelated to the order rules were added in. */
    private final Random guids = new Random(17);

    FakeNrpt(FakeWindows w) {
        this.win = w;
        w.on(Scripts.NRPT_READ, in -> {
            // Get-DnsClientNrptRule | Where-Object DisplayName -eq $in.subject.name | ForEach-Object {...}
            List<Object> out = new ArrayList<>();
            listed().stream().filter(r -> eq(r.displayName(), in.path("subject").path("name").asText()))
                    .forEach(r -> out.add(PsConvertToJson.ordered("namespace", r.namespace(), "nameServers", r.nameServers())));
            return out.isEmpty() ? "" : PsConvertToJson.of(Scripts.NRPT_READ).print(out);
        });
        w.on(Scripts.NRPT_REPLACE, in -> {
            removeAll(in);
            for (JsonNode x : PsJson.items(in.get("state"))) {
                add(PsJson.strings(x.get("namespace")), PsJson.strings(x.get("nameServers")), in.path("subject").path("name").asText());
            }
            return "";
        });
        w.on(Scripts.NRPT_REMOVE, in -> {
            removeAll(in);
            return "";
        });
        w.on(Scripts.NRPT_RULE_READ, in -> {
            List<Object> out = new ArrayList<>();
            these(in).forEach(r -> out.add(PsConvertToJson.ordered("namespace", r.namespace(), "nameServers", r.nameServers())));
            return out.isEmpty() ? "" : PsConvertToJson.of(Scripts.NRPT_RULE_READ).print(out);
        });
        w.on(Scripts.NRPT_RULE_REPLACE, in -> {
            List<Rule> old = these(in);
            List<JsonNode> x = PsJson.items(in.get("state"));
            for (int i = 0; i < Math.max(old.size(), x.size()); i++) {
                if (i >= x.size()) {
                    remove(old.get(i).name());
                } else if (i < old.size()) {
                    set(old.get(i).name(), PsJson.strings(x.get(i).get("namespace")), PsJson.strings(x.get(i).get("nameServers")));
                } else {
                    add(PsJson.strings(x.get(i).get("namespace")), PsJson.strings(x.get(i).get("nameServers")),
                            in.path("subject").path("name").asText());
                }
            }
            return "";
        });
        w.on(Scripts.NRPT_RULE_REMOVE, in -> {
            these(in).forEach(r -> remove(r.name()));
            return "";
        });
        w.on(Scripts.NRPT_RULES, in -> {
            List<Object> out = new ArrayList<>();
            listed().forEach(r -> out.add(PsConvertToJson.ordered("name", r.name(), "displayName", r.displayName(), "namespace", r.namespace(),
                    "nameServers", r.nameServers(), "directAccessDnsServers", r.directAccessDnsServers())));
            return out.isEmpty() ? "" : PsConvertToJson.of(Scripts.NRPT_RULES).print(out);
        });
        w.on(Scripts.NRPT_POLICY, in -> {
            List<Object> out = new ArrayList<>();
            for (Rule r : byName(gpo.isEmpty() ? local : gpo)) {
                r.namespace().stream().filter(ns -> shown(r, ns)).forEach(ns -> out.add(PsConvertToJson.ordered("namespace", ns,
                        "nameServers", r.nameServers(), "directAccessDnsServers", r.directAccessDnsServers())));
            }
            return out.isEmpty() ? "" : PsConvertToJson.of(Scripts.NRPT_POLICY).print(out);
        });
    }

    /** A GPO's rule: kept where Group Policy writes it, so the registry shows it as Windows' does. */
    FakeNrpt gpo(Rule r) {
        gpo.add(r);
        win.registry.key(Keys.NRPT_GPO + "\\" + r.name());
        return this;
    }

    /**
     * Local rules as a capture of Get-DnsClientNrptPolicy's table view shows them (one namespace a
     * row, no rule names in that view): each becomes a rule with a GUID of its own.
     */
    FakeNrpt localFromPolicyTable(String text) {
        for (Map<String, String> row : PsTable.parse(text)) {
            local.add(new Rule(guid(), 2, List.of(row.get("Namespace")), PsList.items(row.get("NameServers")), List.of(), "", ""));
        }
        return this;
    }

    /** Get-DnsClientNrptRule: the local rules in the order of their registry keys. */
    List<Rule> listed() {
        return byName(local);
    }

    /** leakguard's rules as the read prints them, for a test to compare. */
    List<String> leakguards() {
        return listed().stream().filter(r -> eq(r.displayName(), NrptRule.NAME)).map(r -> r.namespace() + " -> " + r.nameServers()).toList();
    }

    /** PowerShell's -eq on strings: case ignored. */
    private static boolean eq(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    /** Whether the policy in effect shows rule {@code r}'s entry for {@code ns}; see {@link Shared}. */
    private boolean shown(Rule r, String ns) {
        List<Rule> sharing = byName(gpo.isEmpty() ? local : gpo).stream()
                .filter(o -> o.namespace().stream().anyMatch(n -> n.equalsIgnoreCase(ns))).toList();
        if (sharing.size() < 2) {
            return true;
        }
        return switch (shared) {
            case UNKNOWN -> throw new AssertionError("rules " + sharing.stream().map(Rule::name).toList() + " share the namespace " + ns
                    + ": what Get-DnsClientNrptPolicy prints then is known from no capture or documentation; set FakeNrpt.shared"
                    + " to a candidate and assert what must hold under each");
            case EACH_RULE -> true;
            case FIRST_KEY -> sharing.get(0) == r;
            case LAST_KEY -> sharing.get(sharing.size() - 1) == r;
        };
    }

    private static List<Rule> byName(List<Rule> rules) {
        return rules.stream().sorted(Comparator.comparing(r -> r.name().toUpperCase(Locale.ROOT))).toList();
    }

    /** The script's Where-Object: display name -eq (any case), namespace among the rule's (-contains: any case), then Sort-Object Name. */
    private List<Rule> these(JsonNode in) {
        String name = in.path("subject").path("name").asText();
        String ns = in.path("subject").path("namespace").asText();
        return listed().stream().filter(r -> eq(r.displayName(), name) && r.namespace().stream().anyMatch(n -> n.equalsIgnoreCase(ns))).toList();
    }

    private void removeAll(JsonNode in) {
        local.removeIf(r -> eq(r.displayName(), in.path("subject").path("name").asText()));
    }

    /** Add-DnsClientNrptRule: a new GUID, Version 2 as for every local rule; -Namespace is mandatory. */
    private void add(List<String> namespace, List<String> servers, String displayName) {
        if (namespace.isEmpty()) {
            throw new FakeWindows.Thrown("Cannot bind argument to parameter 'Namespace' because it is an empty array.");
        }
        local.add(new Rule(guid(), 2, namespace, servers, List.of(), displayName, "Managed by leakguard"));
    }

    private String guid() {
        return "{" + new UUID(guids.nextLong(), guids.nextLong()).toString().toUpperCase(Locale.ROOT) + "}";
    }

    /** Set-DnsClientNrptRule -Name: the rule keeps its GUID; an unknown name is the cmdlets' not-found error. */
    private void set(String name, List<String> namespace, List<String> servers) {
        int i = index(name);
        local.set(i, local.get(i).with(namespace, servers));
    }

    private void remove(String name) {
        local.remove(index(name));
    }

    private int index(String name) {
        for (int i = 0; i < local.size(); i++) {
            if (local.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new FakeWindows.Thrown("No MSFT_DnsClientNrptRule objects found with property 'Name' equal to '" + name + "'."
                + "  Verify the value of the property and retry.");
    }
}
