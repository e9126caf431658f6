package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the NRPT sends one set of names, as {@code agent diagnose} shows it: a rule of any owner
 * ({@link Scripts#NRPT_RULES}) or an entry of the policy in effect ({@link Scripts#NRPT_POLICY}).
 *
 * @param name the rule's Name (a GUID for a local rule); empty for a policy entry
 * @param owner the rule's display name, else its Name; empty for a policy entry
 * @param directAccessServers DirectAccess's servers, which the DNS client reaches through its tunnel
 */
record NrptRoute(String name, String owner, List<String> namespaces, List<String> servers, List<String> directAccessServers) {
    NrptRoute {
        namespaces = List.copyOf(namespaces);
        servers = List.copyOf(servers);
        directAccessServers = List.copyOf(directAccessServers);
    }

    /** Parses what {@link Scripts#NRPT_RULES} printed. */
    static List<NrptRoute> parseRules(JsonNode printed) {
        List<NrptRoute> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(printed)) {
            String display = PsJson.text(n, "displayName");
            String name = PsJson.text(n, "name");
            out.add(new NrptRoute(name, display.isBlank() ? name : display, PsJson.strings(n.get("namespace")),
                    PsJson.strings(n.get("nameServers")), PsJson.strings(n.get("directAccessDnsServers"))));
        }
        return out;
    }

    /** Parses what {@link Scripts#NRPT_POLICY} printed: one namespace an entry. */
    static List<NrptRoute> parsePolicy(JsonNode printed) {
        List<NrptRoute> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(printed)) {
            out.add(new NrptRoute("", "", List.of(PsJson.text(n, "namespace")), PsJson.strings(n.get("nameServers")),
                    PsJson.strings(n.get("directAccessDnsServers"))));
        }
        return out;
    }

    /** Whether the entry lists {@code namespace}; the DNS client ignores case in names. */
    boolean lists(String namespace) {
        return namespaces.stream().anyMatch(n -> n.equalsIgnoreCase(namespace));
    }

    /** {@code .corp.example, corp.example -> [10.1.2.53]}; an entry without servers leaves its names to the adapters. */
    String describe() {
        return route() + (owner.isEmpty() ? "" : " (" + owner + ")");
    }

    /** {@code .corp.example, corp.example -> [10.1.2.53]}, without the owner. */
    String route() {
        String to = !servers.isEmpty() ? servers.toString()
                : !directAccessServers.isEmpty() ? "DirectAccess " + directAccessServers : "the adapters' servers (no servers in the rule)";
        return String.join(", ", namespaces) + " -> " + to;
    }
}
