package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class Ipv6ControlTest {
    static final Ipv6Setting MANUAL = new Ipv6Setting(Ipv6Mode.MANUAL, "2001:db8:1::20", "64", "2001:db8:1::1");

    @TempDir
    Path root;

    final ScriptedCommands commands = new ScriptedCommands();
    final FakeNetworksetup ns = new FakeNetworksetup(commands);
    final Ipv6Control control = new Ipv6Control();

    @Test
    void everyModeIsTurnedOffAndComesBackExactly() throws Exception {
        ns.service("Wi-Fi", true, List.of(), new Ipv6Setting(Ipv6Mode.AUTOMATIC, null, null, null))
                .service("Ethernet", true, List.of(), MANUAL)
                .service("Thunderbolt Bridge", true, List.of(), new Ipv6Setting(Ipv6Mode.LINK_LOCAL, null, null, null))
                .service("iPhone USB", true, List.of(), new Ipv6Setting(Ipv6Mode.OFF, null, null, null))
                .service("Bluetooth PAN", false, List.of(), new Ipv6Setting(Ipv6Mode.AUTOMATIC, null, null, null));

        Assessment first = ControlContract.holds(control, Specs.ipv6Off(), MacHosts.online(root, commands));

        assertThat(first.changes()).extracting(Change::summary).containsExactly(
                "turn IPv6 off on \"Wi-Fi\": was automatic", "turn IPv6 off on \"Ethernet\": was manual",
                "turn IPv6 off on \"Thunderbolt Bridge\": was link_local");
        assertThat(commands.argvs()).contains(List.of("networksetup", "-setv6off", "Ethernet"),
                List.of("networksetup", "-setv6manual", "Ethernet", "2001:db8:1::20", "64", "2001:db8:1::1"),
                List.of("networksetup", "-setv6automatic", "Wi-Fi"),
                List.of("networksetup", "-setv6LinkLocal", "Thunderbolt Bridge"));
        assertThat(commands.argvs()).noneMatch(a -> a.contains("iPhone USB") && a.get(1).startsWith("-setv6"));
        assertThat(commands.argvs()).noneMatch(a -> a.contains("Bluetooth PAN"));
        assertThat(ns.ipv6.get("Ethernet")).isEqualTo(MANUAL);
    }

    @Test
    void aManualAddressThatCannotBeReadBackWholeIsLeftAloneAndReported() throws Exception {
        ns.service("Ethernet", true, List.of(), new Ipv6Setting(Ipv6Mode.MANUAL, "2001:db8:1::20", null, "2001:db8:1::1"));

        Assessment a = control.plan(Specs.ipv6Off(), control.observe(Specs.ipv6Off(), MacHosts.online(root, commands)));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("\"Ethernet\"", "prefix length (null)", "System Settings"));
    }

    /** A VPN or bridge service whose -getinfo has no IPv6 line at all has no IPv6 to turn off. */
    @Test
    void aServiceWithoutIpv6ConfigurationIsCompliantAndSaysWhy() throws Exception {
        String vpn = Captures.text("getinfo--vpn-no-ipv6.txt");
        assertThat(vpn).doesNotContain("IPv6");
        ns.service("Wi-Fi", true, List.of(), new Ipv6Setting(Ipv6Mode.OFF, null, null, null));
        ns.enabled.put("Corp VPN", true);
        commands.ok(vpn, "networksetup", "-getinfo", "Corp VPN");

        Assessment a = control.plan(Specs.ipv6Off(), control.observe(Specs.ipv6Off(), MacHosts.online(root, commands)));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("\"Corp VPN\"", "no IPv6 configuration"));
    }

    @Test
    void keepIsNotGoverned() {
        assertThat(control.governs(new org.leakguard.agent.policy.Spec(null, null, org.leakguard.agent.policy.Toggle.KEEP,
                null, null, null))).isFalse();
    }
}
