package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A Name Resolution Policy Table rule: names under {@code namespaces} go only to {@code servers}. */
record NrptRule(List<String> namespaces, List<InetAddress> servers) {
    /** leakguard's rules carry this display name, so it touches no other rule. */
    static final String NAME = "leakguard";
    /** "." is the Any namespace: every name. */
    static final String ANY = ".";

    NrptRule {
        namespaces = List.copyOf(namespaces);
        servers = List.copyOf(servers);
    }

    /** The catch-all rule: every name that no other rule matches goes only to the pinned servers. */
    static NrptRule any(List<InetAddress> servers) {
        return new NrptRule(List.of(ANY), servers);
    }

    /**
     * A route's rule for one domain: the suffix {@code .corp.example} matches only names under it,
     * so the domain itself is listed too, or a lookup of {@code corp.example} (an AD domain's own
     * name) would go to the pinned servers.
     */
    static NrptRule route(String domain, List<InetAddress> servers) {
        return new NrptRule(List.of("." + domain, domain), servers);
    }

    /** The namespace a rule is known by: its first. */
    String key() {
        return namespaces.isEmpty() ? "" : namespaces.get(0);
    }

    /** leakguard's rules on the host, through {@link Scripts#NRPT_READ}. */
    static List<NrptRule> read(org.leakguard.agent.host.Host host) throws java.io.IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("name", NAME);
        return parse(PowerShell.parse(PowerShell.run(host, Scripts.NRPT_READ, in)));
    }

    /** Parses what {@link Scripts#NRPT_READ} printed. */
    static List<NrptRule> parse(JsonNode printed) {
        List<NrptRule> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(printed)) {
            out.add(new NrptRule(PsJson.strings(n.get("namespace")),
                    PsJson.strings(n.get("nameServers")).stream().map(Ip::parse).toList()));
        }
        return out;
    }

    /** The JSON {@link Scripts#NRPT_REPLACE} takes, the form the read prints. */
    static ArrayNode render(List<NrptRule> rules) {
        ArrayNode out = PowerShell.JSON.createArrayNode();
        for (NrptRule r : rules) {
            ObjectNode o = out.addObject();
            r.namespaces().forEach(o.putArray("namespace")::add);
            ArrayNode servers = o.putArray("nameServers");
            r.servers().forEach(s -> servers.add(Ip.text(s)));
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(",", namespaces) + " -> " + servers.stream().map(Ip::text).toList();
    }
}
