package org.leakguard.platform.windows;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Pins an adapter's DNS servers with {@code Set-DnsClientServerAddress}. The adapter is found by
 * its GUID, which survives a reboot (its index may not), so a rollback after a crash still finds
 * it. The before-image is the static list per family as the registry holds it; undo resets the
 * adapter to DHCP and puts any static servers back.
 *
 * @param alias for people reading the plan; never part of a command
 */
@JsonTypeName("windows-adapter-dns")
record AdapterDns(String guid, String alias, List<String> servers, String why) implements PlatformChange {

    AdapterDns {
        servers = List.copyOf(servers);
    }

    @Override
    public String target() {
        return "adapter " + alias + " " + guid + " DNS servers";
    }

    @Override
    public String summary() {
        return "set the DNS servers of adapter \"" + alias + "\" to " + String.join(", ", servers) + ": " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        Ports.requireElevated(host);
        Registry r = Ports.registry(host);
        return new AdapterDnsImage(NameServers.read(r, NameServers.v4Key(guid)), NameServers.read(r, NameServers.v6Key(guid)));
    }

    @Override
    public void apply(Host host) throws IOException {
        ObjectNode state = PowerShell.JSON.createObjectNode();
        state.set("servers", PowerShell.JSON.valueToTree(servers));
        PowerShell.run(host, Scripts.DNS_SET, input(state));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        AdapterDnsImage old = (AdapterDnsImage) before;
        ObjectNode state = PowerShell.JSON.createObjectNode();
        state.set("ipv4", PowerShell.JSON.valueToTree(old.ipv4()));
        state.set("ipv6", PowerShell.JSON.valueToTree(old.ipv6()));
        PowerShell.run(host, Scripts.DNS_RESTORE, input(state));
    }

    private ObjectNode input(ObjectNode state) {
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject").put("guid", guid);
        in.set("state", state);
        return in;
    }
}
