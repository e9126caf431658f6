package org.leakguard.platform.macos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;

/** A stock Mac for the firewall control's tests: Apple's pf.conf, a fake pfctl holding nothing, scutil with DHCP and VPN resolvers. */
abstract class PfFixture {
    static final String OURS = "18446743525445205896";
    static final String VPN = "10051342025653898869";

    @TempDir
    Path root;

    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
    final FakePf pf = new FakePf(commands, OURS);
    final FirewallControl control = new FirewallControl();
    final Spec spec = Specs.standardFirewall();

    @BeforeEach
    void stockMac() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pf.conf"), Captures.text("pf.conf--stock"));
        commands.ok(Captures.text("scutil-dns--dhcp-and-vpn.txt"), "scutil", "--dns");
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));
    }

    Host host() {
        return MacHosts.online(root, commands);
    }
}
