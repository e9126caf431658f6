package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Hyper-V firewall (Windows 11 22H2+), its rules and WSL's VM setting; the VMs Get-VM lists; whether WSL's VM runs. */
final class FakeHyperV {
    /** The Hyper-V firewall cmdlets exist. */
    boolean present;
    ArrayNode rules = PowerShell.JSON.createArrayNode();
    final List<String> vms = new ArrayList<>();
    boolean wslRunning;
    /**
     * Get-NetFirewallHyperVVMSetting for WSL's VM creator, as its properties print ([string] of
     * each enum): Enabled True/False/NotConfigured, DefaultOutboundAction, AllowHostPolicyMerge.
     */
    final Map<String, String> wslSetting = new LinkedHashMap<>(Map.of("enabled", "True", "defaultOutboundAction", "Allow",
            "allowHostPolicyMerge", "True"));

    FakeHyperV(FakeWindows w) {
        w.on(Scripts.HYPERV_STATE, in -> {
            ObjectNode out = PowerShell.JSON.createObjectNode().put("hyperVFirewall", present);
            ArrayNode creators = out.putArray("creators");
            if (present) {
                creators.addObject().put("id", HyperVRules.WSL).put("name", "WSL");
                if (in.path("subject").path("creator").asText().equalsIgnoreCase(HyperVRules.WSL)) {
                    ObjectNode setting = out.putObject("vmSetting");
                    wslSetting.forEach(setting::put);
                }
            }
            ArrayNode list = out.putArray("vms");
            vms.forEach(v -> list.addObject().put("name", v).put("state", "Running"));
            return out.put("wslRunning", wslRunning).toString();
        });
        w.on(Scripts.HYPERV_READ, in -> FakeFirewall.sortedByName(PsJson.items(rules).stream()
                .filter(r -> r.path("name").asText().startsWith(in.path("subject").path("prefix").asText())).toList()));
        w.on(Scripts.HYPERV_RULE_READ, in -> {
            int i = FakeFirewall.find(rules, in);
            return i < 0 ? "" : PowerShell.JSON.createArrayNode().add(rules.get(i).deepCopy()).toString();
        });
        w.on(Scripts.HYPERV_RULE_REPLACE, in -> {
            if (!present) {
                throw new FakeWindows.Thrown("The term 'Get-NetFirewallHyperVRule' is not recognized as the name of a cmdlet");
            }
            int i = FakeFirewall.find(rules, in);
            List<JsonNode> state = PsJson.items(in.get("state"));
            if (state.isEmpty() && i >= 0) {
                rules.remove(i);
            } else if (i >= 0) {
                rules.set(i, state.get(0).deepCopy());
            } else if (!state.isEmpty()) {
                rules.add(state.get(0).deepCopy());
            }
            return "";
        });
        w.on(Scripts.HYPERV_RULE_REMOVE, in -> {
            int i = FakeFirewall.find(rules, in);
            if (i >= 0) {
                rules.remove(i);
            }
            return "";
        });
    }
}
