package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;

/**
 * The host's block rules again as Hyper-V firewall rules for WSL's VMs (VM creator {@value #WSL},
 * REFERENCE 7.6), named {@value #PREFIX}... Each is compared by name as the host's rules are.
 */
final class HyperVRules {
    static final String PREFIX = "leakguard-wsl-";
    /** The VM creator id of WSL. */
    static final String WSL = "{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}";

    private HyperVRules() {}

    /**
     * One wanted Hyper-V rule per host rule for every program, same protocol, port and addresses,
     * for WSL. An exception's rule names a host program, which a VM's traffic never comes from.
     */
    static List<FirewallRule> wanted(List<FirewallRule> hostRules) {
        return hostRules.stream().filter(r -> r.program().isEmpty())
                .map(r -> new FirewallRule(PREFIX + r.name().substring(FirewallRules.GROUP.length() + 1),
                        r.displayName().replace("leakguard: ", "leakguard (WSL): "), r.protocol(), r.remotePorts(), r.remoteAddresses(),
                        r.direction(), r.action(), r.enabled())).toList();
    }

    /** leakguard's Hyper-V rules by name; a rule for another VM creator never equals a wanted one. */
    static Map<String, FirewallRule> read(Host host) throws IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("prefix", PREFIX);
        Map<String, FirewallRule> out = new LinkedHashMap<>();
        for (JsonNode n : PsJson.items(PowerShell.parse(PowerShell.run(host, Scripts.HYPERV_READ, in)))) {
            FirewallRule r = FirewallRule.parse(n).get(0);
            boolean wsl = PsJson.text(n, "vmCreatorId").equalsIgnoreCase(WSL);
            out.put(r.name(), wsl ? r : new FirewallRule(r.name(), r.displayName(), r.protocol(), r.remotePorts(), r.remoteAddresses(),
                    r.direction(), r.action(), "VM creator " + PsJson.text(n, "vmCreatorId")));
        }
        return out;
    }

    static Change change(String name, List<FirewallRule> state, String why) {
        ObjectNode subject = PowerShell.JSON.createObjectNode().put("prefix", PREFIX).put("name", name);
        ArrayNode rendered = FirewallRule.render(state);
        rendered.forEach(o -> ((ObjectNode) o).put("vmCreatorId", WSL));
        return new ScriptState(ScriptKind.HYPERV_RULE, "Hyper-V firewall rule " + name, subject.toString(), rendered.toString(), why);
    }
}
