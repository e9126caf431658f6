package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Host;

/**
 * What runs beside the host: Hyper-V and WSL 2 VMs reach the network through a virtual switch, past
 * the host's Windows Firewall rules. Windows 11 22H2 and later have a Hyper-V firewall of their own
 * (REFERENCE 7.6).
 *
 * @param firewall the Hyper-V firewall cmdlets exist
 * @param creators the VM creators it knows, as {@code name id}
 * @param vms Hyper-V VMs as {@code name (state)}, from Get-VM where the Hyper-V module is installed
 * @param wslSetting the Hyper-V firewall's settings in effect for WSL's VM creator, as
 *     Get-NetFirewallHyperVVMSetting prints them ({@code Enabled True}...); empty when not read
 * @param wslRunning the WSL VM's process (vmmemWSL, or vmmem on older builds) runs
 */
record HyperVState(boolean firewall, List<String> creators, java.util.Map<String, String> wslSetting, List<String> vms, boolean wslRunning) {
    HyperVState {
        creators = List.copyOf(creators);
        wslSetting = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(wslSetting));
        vms = List.copyOf(vms);
    }

    static HyperVState read(Host host) throws IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("creator", HyperVRules.WSL);
        return parse(PowerShell.parse(PowerShell.run(host, Scripts.HYPERV_STATE, in)));
    }

    static HyperVState parse(JsonNode n) {
        return new HyperVState(n.path("hyperVFirewall").asBoolean(false),
                PsJson.items(n.get("creators")).stream().map(c -> PsJson.text(c, "name") + " " + PsJson.text(c, "id")).toList(),
                setting(n.get("vmSetting")),
                PsJson.items(n.get("vms")).stream().map(v -> PsJson.text(v, "name") + " (" + PsJson.text(v, "state") + ")").toList(),
                n.path("wslRunning").asBoolean(false));
    }

    private static java.util.Map<String, String> setting(JsonNode printed) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        PsJson.items(printed).stream().findFirst().ifPresent(s -> List.of("Enabled", "DefaultOutboundAction", "AllowHostPolicyMerge")
                .forEach(k -> out.put(k, PsJson.text(s, Character.toLowerCase(k.charAt(0)) + k.substring(1)))));
        return out;
    }

    /**
     * Why the Hyper-V firewall filters nothing for WSL's VMs, with the command that turns it on;
     * empty when it is on or its setting was not read. Enabled False switches it off for that VM
     * creator, so leakguard's Hyper-V rules, present or not, block nothing.
     */
    java.util.Optional<String> whyWslUnfiltered() {
        if (!firewall || !"False".equalsIgnoreCase(wslSetting.getOrDefault("Enabled", ""))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the Hyper-V firewall is off for WSL's VMs (Get-NetFirewallHyperVVMSetting -Name '"
                + HyperVRules.WSL + "': Enabled False, DefaultOutboundAction " + wslSetting.getOrDefault("DefaultOutboundAction", "")
                + ", AllowHostPolicyMerge " + wslSetting.getOrDefault("AllowHostPolicyMerge", "") + "), so leakguard's WSL rules block"
                + " nothing there; turn it on: Set-NetFirewallHyperVVMSetting -Name '" + HyperVRules.WSL + "' -Enabled True");
    }

    /** VMs whose DNS does not cross the host's rules: WSL's and Hyper-V's. */
    List<String> guests() {
        List<String> out = new java.util.ArrayList<>(vms);
        if (wslRunning) {
            out.add(0, "WSL 2");
        }
        return out;
    }
}
