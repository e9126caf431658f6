package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;

/** What {@code agent plan} shows for the pf anchor: the complete anchor text pfctl loads, from the fake pfctl's state. */
class PlanPreviewTest {
    @TempDir
    Path root;

    final ScriptedCommands commands = new ScriptedCommands();
    final FakePf pf = new FakePf(commands, FirewallControlTest.OURS);
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

    @Test
    void theAnchorTextIsShownInFullAndWhetherItReplacesLoadedRules() throws Exception {
        Change load = loadAnchor();
        Preview p = load.preview(host()).orElseThrow();
        String wanted = PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow().text();

        assertThat(p.form()).isEqualTo(Preview.Form.RULESET);
        assertThat(p.after()).isEqualTo(wanted);
        assertThat(p.render(load.target())).isEqualTo("not loaded now; loads:\n" + wanted);
        assertThat(pf.loaded).as("a preview loads nothing").isEmpty();

        for (Change c : control.plan(spec, control.observe(spec, host())).changes()) {
            c.apply(host());
        }
        pf.loaded = pf.loaded.replace("block return out quick proto udp from any to any port 53", "pass out quick proto udp from any to any port 53");
        pf.loaded = pf.loaded.replace("192.0.2.44 ", "");
        Change repair = loadAnchor();
        assertThat(repair.preview(host()).orElseThrow().render(repair.target())).isEqualTo("replaces what is loaded now with:\n" + wanted);
    }

    private Change loadAnchor() throws Exception {
        return control.plan(spec, control.observe(spec, host())).changes().stream()
                .filter(c -> c instanceof LoadAnchor).findFirst().orElseThrow();
    }
}
