package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;

/** The resolvers control where NetworkManager runs, against a stateful nmcli fake. */
class NetworkManagerControlTest {
    private static final Spec PIN = Specs.resolversOnly(
            Specs.resolvers(List.of(), true, "203.0.113.53", "2001:db8::53"));
    private static final String ETH = "0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11";
    private static final String WIFI = "9d3c1b2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d";
    private static final String VPN = "3e2d1c0b-9a8f-4e7d-a6c5-b4a392817160";
    private static final NmcliConnection ETHERNET = new NmcliConnection("Wired connection 1", ETH, "802-3-ethernet",
            "enp3s0", new NmcliDns("auto", "", "no"), new NmcliDns("auto", "", "no"));
    private static final NmcliConnection CAFE = new NmcliConnection("cafe: guest", WIFI, "802-11-wireless", "wlp2s0",
            new NmcliDns("auto", "192.0.2.10,192.0.2.11", "yes"), new NmcliDns("disabled", "", "no"));
    private static final NmcliConnection LOOPBACK = new NmcliConnection("lo", "5b7e2f90-1c4d-4e8a-b6f3-2a9d8c7e6f50",
            "loopback", "lo", new NmcliDns("manual", "", "no"), new NmcliDns("manual", "", "no"));

    @TempDir
    Path tmp;

    private RootFiles root;
    private final ResolversControl control = new ResolversControl();
    private final FakeNmcli nmcli = new FakeNmcli().with(ETHERNET).with(CAFE).with(LOOPBACK);

    @BeforeEach
    void networkManagerHost() throws Exception {
        root = new RootFiles(tmp).dir("/etc/NetworkManager/conf.d").dir("/run/systemd/system")
                .dir("/sys/class/net/enp3s0").dir("/sys/class/net/wlp2s0")
                .file("/run/NetworkManager/resolv.conf", Fixtures.text("resolv/networkmanager.conf"))
                .link("/etc/resolv.conf", "../run/NetworkManager/resolv.conf");
    }

    @Test
    void everyActiveConnectionIgnoresDhcpDnsAndUndoPutsItBack() throws Exception {
        Assessment a = ControlContract.holds(control, PIN, TestHosts.online(tmp, nmcli));

        assertThat(a.changes()).extracting(Change::target).containsExactly(NetworkManagerPlan.CONF,
                "systemctl reload NetworkManager", "nmcli", "nmcli device reapply enp3s0", "nmcli",
                "nmcli device reapply wlp2s0", ResolvConf.PATH);
        RunCommand eth = (RunCommand) a.changes().get(2);
        assertThat(eth.argv()).as("ignore-auto-dns drops DHCP's search domains too: the host's stay, as its own")
                .containsExactly("nmcli", "connection", "modify", "uuid", ETH,
                "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "203.0.113.53", "ipv4.dns-search", "corp.example",
                "ipv6.ignore-auto-dns", "yes", "ipv6.dns", "2001:db8::53", "ipv6.dns-search", "");
        assertThat(eth.undo()).containsExactly("nmcli", "connection", "modify", "uuid", ETH,
                "ipv4.ignore-auto-dns", "no", "ipv4.dns", "", "ipv4.dns-search", "",
                "ipv6.ignore-auto-dns", "no", "ipv6.dns", "", "ipv6.dns-search", "");
        assertThat(((RunCommand) a.changes().get(4)).argv()).as("IPv6 is disabled there: left alone")
                .containsExactly("nmcli", "connection", "modify", "uuid", WIFI,
                        "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "203.0.113.53", "ipv4.dns-search", "corp.example");
        assertThat(nmcli.get(ETH)).isEqualTo(ETHERNET);
        assertThat(nmcli.get(WIFI)).isEqualTo(CAFE);
        assertThat(nmcli.calls()).noneMatch(c -> c.contains(LOOPBACK.uuid()));
    }

    @Test
    void aPolicyWithSearchDomainsLeavesTheConnectionsSearchListAlone() throws Exception {
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("lab.example"), true, "203.0.113.53", "2001:db8::53"));
        Assessment a = ControlContract.holds(control, spec, TestHosts.online(tmp, nmcli));
        assertThat(((RunCommand) a.changes().get(2)).argv()).containsExactly("nmcli", "connection", "modify", "uuid", ETH,
                "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "203.0.113.53",
                "ipv6.ignore-auto-dns", "yes", "ipv6.dns", "2001:db8::53");
    }

    @Test
    void aConnectionThatWouldHaveNoDnsIsLeftAsItIs() throws Exception {
        Spec v6only = Specs.resolversOnly(Specs.resolvers(List.of(), true, "2001:db8::53"));
        Assessment a = control.plan(v6only, control.observe(v6only, TestHosts.online(tmp, nmcli)));
        assertThat(a.changes()).filteredOn(c -> c instanceof RunCommand).extracting(c -> ((RunCommand) c).argv().get(4))
                .containsExactly(ETH);
        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).contains("\"cafe: guest\"").contains("would have no DNS server");
        });
    }

    @Test
    void aVpnProfileChangesButIsNotReappliedOnItsCarrier() throws Exception {
        nmcli.with(new NmcliConnection("corp", VPN, "vpn", "enp3s0", new NmcliDns("auto", "", "no"),
                new NmcliDns("auto", "", "no")));
        Assessment a = control.plan(PIN, control.observe(PIN, TestHosts.online(tmp, nmcli)));
        assertThat(a.changes()).filteredOn(c -> c instanceof Reload).extracting(Change::target)
                .containsExactly("systemctl reload NetworkManager", "nmcli device reapply enp3s0",
                        "nmcli device reapply wlp2s0");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("\"corp\" uses its new DNS settings when it next connects"));
    }

    @Test
    void stoppedNetworkManagerGetsOnlyItsFile() throws Exception {
        nmcli.stopped();
        Assessment a = control.plan(PIN, control.observe(PIN, TestHosts.online(tmp, nmcli)));
        assertThat(a.changes()).extracting(Change::target).containsExactly(NetworkManagerPlan.CONF, ResolvConf.PATH);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m ->
                assertThat(m).contains("NetworkManager is not running"));
        assertThat(nmcli.calls()).containsExactly(Nmcli.RUNNING);
    }

    @Test
    void withoutSystemdTheRunningDaemonIsReloadedThroughNmcli() throws Exception {
        java.nio.file.Files.delete(root.path("/run/systemd/system"));
        Assessment a = control.plan(PIN, control.observe(PIN, TestHosts.online(tmp, nmcli)));
        assertThat(a.changes()).extracting(Change::target).doesNotContain("systemctl reload NetworkManager")
                .contains("nmcli general reload", "nmcli device reapply enp3s0");
    }

    @Test
    void aNetworkManagerOfAnotherNamespaceIsNeverChanged() throws Exception {
        java.nio.file.Files.delete(root.path("/sys/class/net/enp3s0"));
        java.nio.file.Files.delete(root.path("/sys/class/net/wlp2s0"));
        Assessment a = control.plan(PIN, control.observe(PIN, TestHosts.online(tmp, nmcli)));
        assertThat(a.changes()).extracting(Change::target).containsExactly(NetworkManagerPlan.CONF, ResolvConf.PATH);
        assertThat(nmcli.calls()).containsExactly(Nmcli.RUNNING, Nmcli.ACTIVE);
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m ->
                assertThat(m).contains("no device of its active connections is in /sys/class/net"));
    }
}
