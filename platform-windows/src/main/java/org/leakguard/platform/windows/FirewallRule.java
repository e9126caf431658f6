package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;

/**
 * One outbound rule of leakguard's group. Addresses are compared as merged ranges, so the way
 * Windows prints them back (a single address for {@code a-a}, another IPv6 spelling) does not
 * count as a difference; no range at all is Windows' "Any".
 *
 * @param direction, action, enabled as Windows prints them; leakguard's rules are Outbound, Block or Allow, True
 * @param program the one program the rule is for (an exception's path), empty for every program
 */
record FirewallRule(String name, String displayName, String protocol, List<String> remotePorts,
        List<AddressRange> remoteAddresses, String direction, String action, String enabled, String program) {
    /** How Windows prints "every address" and "every program". */
    static final String ANY = "Any";

    FirewallRule(String name, String displayName, String protocol, List<String> remotePorts, List<AddressRange> remoteAddresses,
            String direction, String action, String enabled) {
        this(name, displayName, protocol, remotePorts, remoteAddresses, direction, action, enabled, "");
    }

    FirewallRule {
        program = program == null || program.equalsIgnoreCase(ANY) ? "" : program;
        remotePorts = List.copyOf(remotePorts);
        List<AddressRange> merged = new ArrayList<>(AddressRanges.merged(remoteAddresses, false));
        merged.addAll(AddressRanges.merged(remoteAddresses, true));
        remoteAddresses = List.copyOf(merged);
    }

    static FirewallRule block(String name, String displayName, String protocol, int port, List<AddressRange> addresses) {
        return new FirewallRule(name, displayName, protocol, List.of(Integer.toString(port)), addresses, "Outbound", "Block", "True");
    }

    /** Lets one program's traffic to these ports through to any address. */
    static FirewallRule allow(String name, String displayName, String protocol, List<String> ports, String program) {
        return new FirewallRule(name, displayName, protocol, ports, List.of(), "Outbound", "Allow", "True", program);
    }

    /**
     * The rules of leakguard's group through a read script: {@link Scripts#FIREWALL_READ} for the
     * rules in effect, {@link Scripts#FIREWALL_STORED} for the ones stored locally.
     */
    static List<FirewallRule> read(org.leakguard.agent.host.Host host, String script) throws java.io.IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("group", FirewallRules.GROUP);
        return parse(PowerShell.parse(PowerShell.run(host, script, in)));
    }

    /**
     * Parses what {@link Scripts#FIREWALL_READ} printed. "Any" alone is every address; another
     * keyword (LocalSubnet, DNS) is no range of leakguard's: the rule then cannot equal a wanted one.
     */
    static List<FirewallRule> parse(JsonNode printed) {
        List<FirewallRule> out = new ArrayList<>();
        for (JsonNode n : PsJson.items(printed)) {
            List<AddressRange> ranges = new ArrayList<>();
            boolean keyword = false;
            List<String> listed = PsJson.strings(n.get("remoteAddress"));
            for (String a : listed.equals(List.of(ANY)) ? List.<String>of() : listed) {
                if (Character.isLetter(a.charAt(0)) && !a.contains(":")) {
                    keyword = true;
                } else {
                    ranges.add(AddressRange.parse(a));
                }
            }
            String direction = PsJson.text(n, "direction");
            out.add(new FirewallRule(PsJson.text(n, "name"), PsJson.text(n, "displayName"), PsJson.text(n, "protocol"),
                    PsJson.strings(n.get("remotePort")), ranges, direction, PsJson.text(n, "action"),
                    keyword ? "keyword address" : PsJson.text(n, "enabled"), PsJson.text(n, "program")));
        }
        return out;
    }

    /** The JSON {@link Scripts#FIREWALL_RULE_REPLACE} takes, the form the read prints. */
    static ArrayNode render(List<FirewallRule> rules) {
        ArrayNode out = PowerShell.JSON.createArrayNode();
        for (FirewallRule r : rules) {
            ObjectNode o = out.addObject().put("name", r.name()).put("displayName", r.displayName())
                    .put("direction", r.direction()).put("action", r.action()).put("enabled", r.enabled())
                    .put("protocol", r.protocol());
            ArrayNode ports = o.putArray("remotePort");
            r.remotePorts().forEach(ports::add);
            ArrayNode addresses = o.putArray("remoteAddress");
            r.remoteAddresses().forEach(a -> addresses.add(a.toString()));
            if (r.remoteAddresses().isEmpty()) {
                addresses.add(ANY);
            }
            if (!r.program().isEmpty()) {
                o.put("program", r.program());
            }
        }
        return out;
    }
}
