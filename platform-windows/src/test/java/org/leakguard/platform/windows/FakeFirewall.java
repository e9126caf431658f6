package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows Firewall in memory: the persistent store (local rules, leakguard's among them), the
 * rules Group Policy deploys, the profiles, and the active store computed from them as Windows
 * does, answering the firewall scripts of {@link Scripts}. Rules are kept as the cmdlets hold
 * them ({@link FakeRule}) and printed as ConvertTo-Json does ({@link PsConvertToJson}).
 */
final class FakeFirewall {
    /** The persistent store: the local rules. */
    final List<FakeRule> persistent = new ArrayList<>();
    /** Rules Group Policy deploys; in the active store, never the persistent one. */
    final List<FakeRule> gpo = new ArrayList<>();
    /** Windows Firewall profiles by name, on (true) or off. */
    final Map<String, Boolean> profiles = new LinkedHashMap<>(Map.of("Domain", true, "Private", true, "Public", true));
    /** Per profile, AllowLocalFirewallRules as the active store prints it (True, False, NotConfigured). */
    final Map<String, String> localRules = new LinkedHashMap<>();
    /** How many rule changes ran: a compliant host sees none. */
    int writes;

    FakeFirewall(FakeWindows w) {
        w.on(Scripts.FIREWALL_READ, in -> printed(Scripts.FIREWALL_READ, active(in.path("subject").path("group").asText())));
        w.on(Scripts.FIREWALL_STORED, in -> printed(Scripts.FIREWALL_STORED, persistent.stream()
                .filter(r -> r.group().equals(in.path("subject").path("group").asText())).toList()));
        w.on(Scripts.FIREWALL_RULE_READ, in -> printed(Scripts.FIREWALL_RULE_READ, find(persistent, in).stream().mapToObj(persistent::get).toList()));
        w.on(Scripts.FIREWALL_RULE_REPLACE, in -> {
            int i = find(persistent, in).orElse(-1);
            List<JsonNode> state = PsJson.items(in.get("state"));
            String name = in.path("subject").path("name").asText();
            if (state.isEmpty()) {
                if (i >= 0) {
                    persistent.remove(i);
                }
            } else if (i >= 0) {
                // Set-NetFirewallRule: the rule changes where it is, in its group, its program included
                persistent.set(i, FakeRule.bind(persistent.get(i).name(), persistent.get(i).group(), state.get(0), null));
            } else {
                persistent.add(FakeRule.bind(name, in.path("subject").path("group").asText(), state.get(0), null)); // New-NetFirewallRule
            }
            writes++;
            return "";
        });
        w.on(Scripts.FIREWALL_RULE_REMOVE, in -> {
            find(persistent, in).ifPresent(persistent::remove);
            return "";
        });
        w.on(Scripts.FIREWALL_PROFILES, in -> {
            List<Object> out = new ArrayList<>();
            profiles.forEach((name, on) -> out.add(PsConvertToJson.ordered("name", name, "enabled", on ? "True" : "False",
                    "allowLocalFirewallRules", localRules.getOrDefault(name, "NotConfigured"))));
            return PsConvertToJson.of(Scripts.FIREWALL_PROFILES).print(out);
        });
    }

    /**
     * The active store as Windows builds it: the GPO's rules, plus the local ones where Group Policy
     * merges them (AllowLocalFirewallRules not False for some profile; a rule for any profile then
     * applies there).
     */
    private List<FakeRule> active(String group) {
        List<FakeRule> out = new ArrayList<>(gpo.stream().filter(r -> r.group().equals(group)).toList());
        if (profiles.keySet().stream().anyMatch(p -> !"False".equalsIgnoreCase(localRules.getOrDefault(p, "NotConfigured")))) {
            out.addAll(persistent.stream().filter(r -> r.group().equals(group)).toList());
        }
        return out;
    }

    /**
     * What a read script prints: {@code Sort-Object Name} (by name, whatever order the rules were
     * made in), each rule projected, the list through ConvertTo-Json; nothing for no rule.
     */
    static String printed(String script, List<FakeRule> rules) {
        List<Object> sorted = rules.stream().sorted(Comparator.comparing(FakeRule::name, String.CASE_INSENSITIVE_ORDER))
                .map(r -> (Object) r.projected()).toList();
        return sorted.isEmpty() ? "" : PsConvertToJson.of(script).print(sorted);
    }

    /** The rules as the persistent store's read prints them, for a test to look at. */
    ArrayNode printed() throws java.io.IOException {
        String text = printed(Scripts.FIREWALL_STORED, persistent);
        return text.isEmpty() ? PowerShell.JSON.createArrayNode() : (ArrayNode) PowerShell.JSON.readTree(text);
    }

    /** One stored rule as the read prints it. */
    JsonNode printed(String name) throws java.io.IOException {
        for (JsonNode r : printed()) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no stored rule " + name);
    }

    /** The position of the rule named in {@code $in.subject.name}. */
    static java.util.OptionalInt find(List<FakeRule> rules, JsonNode in) {
        String name = in.path("subject").path("name").asText();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equalsIgnoreCase(name)) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }
}
