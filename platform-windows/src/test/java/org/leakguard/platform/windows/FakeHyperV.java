package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Hyper-V firewall (Windows 11 22H2+), its rules and WSL's VM setting; the VMs Get-VM lists; whether WSL's VM runs. */
final class FakeHyperV {
    /** The Hyper-V firewall cmdlets exist. */
    boolean present;
    final List<FakeRule> rules = new ArrayList<>();
    final List<String> vms = new ArrayList<>();
    boolean wslRunning;
    /**
     * Get-NetFirewallHyperVVMSetting for WSL's VM creator, as its properties print ([string] of
     * each enum): Enabled True/False/NotConfigured, DefaultOutboundAction, AllowHostPolicyMerge.
     */
    final Map<String, String> wslSetting = new LinkedHashMap<>();

    FakeHyperV(FakeWindows w) {
        wslSetting.put("enabled", "True");
        wslSetting.put("defaultOutboundAction", "Allow");
        wslSetting.put("allowHostPolicyMerge", "True");
        w.on(Scripts.HYPERV_STATE, in -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hyperVFirewall", present);
            List<Object> creators = new ArrayList<>();
            Object setting = null;
            if (present) {
                creators.add(PsConvertToJson.ordered("id", HyperVRules.WSL, "name", "WSL"));
                if (in.path("subject").path("creator").asText().equalsIgnoreCase(HyperVRules.WSL)) {
                    setting = new LinkedHashMap<>(wslSetting);
                }
            }
            out.put("creators", creators);
            out.put("vmSetting", setting);
            out.put("vms", vms.stream().map(v -> (Object) PsConvertToJson.ordered("name", v, "state", "Running")).toList());
            out.put("wslRunning", wslRunning);
            return PsConvertToJson.of(Scripts.HYPERV_STATE).print(out);
        });
        w.on(Scripts.HYPERV_READ, in -> FakeFirewall.printed(Scripts.HYPERV_READ, rules.stream()
                .filter(r -> r.name().startsWith(in.path("subject").path("prefix").asText())).toList()));
        w.on(Scripts.HYPERV_RULE_READ, in -> FakeFirewall.printed(Scripts.HYPERV_RULE_READ,
                FakeFirewall.find(rules, in).stream().mapToObj(rules::get).toList()));
        w.on(Scripts.HYPERV_RULE_REPLACE, in -> {
            if (!present) {
                throw new FakeWindows.Thrown("The term 'Get-NetFirewallHyperVRule' is not recognized as the name of a cmdlet");
            }
            int i = FakeFirewall.find(rules, in).orElse(-1);
            List<JsonNode> state = PsJson.items(in.get("state"));
            String name = in.path("subject").path("name").asText();
            if (state.isEmpty() && i >= 0) {
                rules.remove(i);
            } else if (!state.isEmpty()) {
                FakeRule r = FakeRule.bind(name, "", state.get(0), state.get(0).path("vmCreatorId").asText());
                if (i >= 0) {
                    rules.set(i, r);
                } else {
                    rules.add(r);
                }
            }
            return "";
        });
        w.on(Scripts.HYPERV_RULE_REMOVE, in -> {
            FakeFirewall.find(rules, in).ifPresent(rules::remove);
            return "";
        });
    }

    /** The rules as the read prints them, for a test to look at. */
    com.fasterxml.jackson.databind.node.ArrayNode printed() throws java.io.IOException {
        return (com.fasterxml.jackson.databind.node.ArrayNode) PowerShell.JSON.readTree(FakeFirewall.printed(Scripts.HYPERV_READ, rules));
    }
}
