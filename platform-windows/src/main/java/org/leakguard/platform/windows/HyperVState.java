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
 * @param wslRunning the WSL VM's process (vmmemWSL, or vmmem on older builds) runs
 */
record HyperVState(boolean firewall, List<String> creators, List<String> vms, boolean wslRunning) {
    HyperVState {
        creators = List.copyOf(creators);
        vms = List.copyOf(vms);
    }

    static HyperVState read(Host host) throws IOException {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        return parse(PowerShell.parse(PowerShell.run(host, Scripts.HYPERV_STATE, in)));
    }

    static HyperVState parse(JsonNode n) {
        return new HyperVState(n.path("hyperVFirewall").asBoolean(false),
                PsJson.items(n.get("creators")).stream().map(c -> PsJson.text(c, "name") + " " + PsJson.text(c, "id")).toList(),
                PsJson.items(n.get("vms")).stream().map(v -> PsJson.text(v, "name") + " (" + PsJson.text(v, "state") + ")").toList(),
                n.path("wslRunning").asBoolean(false));
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
