package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Windows Firewall in memory: the persistent store (local rules, leakguard's among them), the
 * rules Group Policy deploys, the profiles, and the active store computed from them as Windows
 * does, answering the firewall scripts of {@link Scripts}.
 */
final class FakeFirewall {
    /** The persistent store: the local rules. */
    ArrayNode persistent = PowerShell.JSON.createArrayNode();
    /** Rules Group Policy deploys, each with the group it names; in the active store, never the persistent one. */
    final List<ObjectNode> gpo = new ArrayList<>();
    /** Windows Firewall profiles by name, on (true) or off. */
    final Map<String, Boolean> profiles = new LinkedHashMap<>(Map.of("Domain", true, "Private", true, "Public", true));
    /** Per profile, AllowLocalFirewallRules as the active store prints it (True, False, NotConfigured). */
    final Map<String, String> localRules = new LinkedHashMap<>();
    /** How many rule changes ran: a compliant host sees none. */
    int writes;

    FakeFirewall(FakeWindows w) {
        w.on(Scripts.FIREWALL_READ, in -> sortedByName(active(in.path("subject").path("group").asText())));
        w.on(Scripts.FIREWALL_STORED, in -> sortedByName(PsJson.items(persistent)));
        w.on(Scripts.FIREWALL_RULE_READ, in -> {
            int i = find(persistent, in);
            return i < 0 ? "" : PowerShell.JSON.createArrayNode().add(persistent.get(i).deepCopy()).toString();
        });
        w.on(Scripts.FIREWALL_RULE_REPLACE, in -> {
            int i = find(persistent, in);
            List<JsonNode> state = PsJson.items(in.get("state"));
            if (state.isEmpty()) {
                if (i >= 0) {
                    persistent.remove(i);
                }
            } else if (i >= 0) {
                persistent.set(i, state.get(0).deepCopy()); // Set-NetFirewallRule: the rule changes where it is
            } else {
                persistent.add(state.get(0).deepCopy()); // New-NetFirewallRule
            }
            writes++;
            return "";
        });
        w.on(Scripts.FIREWALL_RULE_REMOVE, in -> {
            int i = find(persistent, in);
            if (i >= 0) {
                persistent.remove(i);
            }
            return "";
        });
        w.on(Scripts.FIREWALL_PROFILES, in -> {
            ArrayNode out = PowerShell.JSON.createArrayNode();
            profiles.forEach((name, on) -> out.addObject().put("name", name).put("enabled", on ? "True" : "False")
                    .put("allowLocalFirewallRules", localRules.getOrDefault(name, "NotConfigured")));
            return out.toString();
        });
    }

    /**
     * The active store as Windows builds it: the GPO's rules, plus the local ones where Group Policy
     * merges them (AllowLocalFirewallRules not False for some profile; a rule for any profile then
     * applies there).
     */
    private List<JsonNode> active(String group) {
        List<JsonNode> out = new ArrayList<>();
        gpo.stream().filter(r -> r.path("group").asText().equals(group)).forEach(r -> out.add(r.deepCopy().without("group")));
        if (profiles.keySet().stream().anyMatch(p -> !"False".equalsIgnoreCase(localRules.getOrDefault(p, "NotConfigured")))) {
            out.addAll(PsJson.items(persistent));
        }
        return out;
    }

    /** What {@code Sort-Object Name} prints: by name, whatever order the rules were made in. */
    static String sortedByName(List<JsonNode> rules) {
        List<JsonNode> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparing(r -> r.path("name").asText(), String.CASE_INSENSITIVE_ORDER));
        return sorted.isEmpty() ? "" : PowerShell.JSON.createArrayNode().addAll(sorted).toString();
    }

    /** The position of the rule named in {@code $in.subject.name}, or -1. */
    static int find(ArrayNode rules, JsonNode in) {
        String name = in.path("subject").path("name").asText();
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).path("name").asText().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
