package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.spi.Finding;

/** The NetworkManager connection on a route's link carries the route, so a reconnect hands resolved the route again. */
class NetworkManagerRoutesTest {
    private static final String WG = "6a1f0c2e-5b4d-4f3a-9e8d-7c6b5a493827";
    private static final LinkDns CORP = new LinkDns(List.of("203.0.113.53", "2001:db8::53"), List.of("~corp.example", "corp.example"));
    private final List<Change> changes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();

    @Test
    void theRoutesServersAndRoutingDomainsReplaceWhatTheConnectionHadWithAnExactInverse() {
        NmcliConnection wg = new NmcliConnection("corp", WG, "wireguard", "wg0", new NmcliDns("manual", "203.0.113.99", "no",
                "vpn.example"), new NmcliDns("auto", "", "no"));
        NetworkManagerRoutes.plan(wg, CORP, changes, findings);
        RunCommand modify = (RunCommand) changes.get(0);
        assertThat(modify.argv()).containsExactly("nmcli", "connection", "modify", "uuid", WG,
                "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "203.0.113.53", "ipv4.dns-search", "~corp.example,corp.example",
                "ipv6.ignore-auto-dns", "yes", "ipv6.dns", "2001:db8::53", "ipv6.dns-search", "");
        assertThat(modify.undo()).containsExactly("nmcli", "connection", "modify", "uuid", WG,
                "ipv4.ignore-auto-dns", "no", "ipv4.dns", "203.0.113.99", "ipv4.dns-search", "vpn.example",
                "ipv6.ignore-auto-dns", "no", "ipv6.dns", "", "ipv6.dns-search", "");
        assertThat(changes.get(1)).isEqualTo(new Reload(List.of("nmcli", "device", "reapply", "wg0"),
                "wg0 uses the changed DNS settings of \"corp\" now"));
    }

    @Test
    void onlyTheConnectionOnTheRouteLinkCarriesItNotAVpnPluginsConnectionOnTheSameCarrier() {
        NmcliConnection eth = new NmcliConnection("office", "0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11", "802-3-ethernet", "enp3s0",
                new NmcliDns("auto", "", "no"), new NmcliDns("disabled", "", "no"));
        NmcliConnection vpn = new NmcliConnection("corp", "3e2d1c0b-9a8f-4e7d-a6c5-b4a392817160", "vpn", "enp3s0",
                new NmcliDns("auto", "", "no"), new NmcliDns("disabled", "", "no"));
        NetworkManagerState nm = new NetworkManagerState(true, null, NetworkManagerStatus.RUNNING, "nmcli", List.of(eth, vpn),
                List.of());
        NetworkManagerConnections.plan(Specs.routed(List.of(), List.of(Specs.route("corp.example", "203.0.113.53")),
                "198.51.100.53"), nm, List.of(), java.util.Map.of("enp3s0", new LinkDns(List.of("203.0.113.53"),
                List.of("~corp.example"))), changes, findings);
        assertThat(changes).filteredOn(RunCommand.class::isInstance).extracting(c -> ((RunCommand) c).argv().subList(4, 9))
                .containsExactly(List.of(eth.uuid(), "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "203.0.113.53"),
                        List.of(vpn.uuid(), "ipv4.ignore-auto-dns", "yes", "ipv4.dns", "198.51.100.53"));
    }

    @Test
    void aConnectionThatAlreadyCarriesTheRouteIsLeftAlone() {
        NmcliConnection wg = new NmcliConnection("corp", WG, "wireguard", "wg0", new NmcliDns("manual", "203.0.113.53", "yes",
                "~corp.example,corp.example"), new NmcliDns("auto", "2001:db8::53", "yes", ""));
        NetworkManagerRoutes.plan(wg, CORP, changes, findings);
        assertThat(changes).isEmpty();
    }

    @Test
    void aFamilyWithoutDnsSettingsIsNotNamedAndTheSearchListGoesWhereServersAre() {
        NmcliConnection v6 = new NmcliConnection("corp6", WG, "wireguard", "wg0", new NmcliDns("disabled", "", "no"),
                new NmcliDns("manual", "", "no"));
        NetworkManagerRoutes.plan(v6, new LinkDns(List.of("2001:db8::53"), List.of("~corp.example")), changes, findings);
        assertThat(((RunCommand) changes.get(0)).argv()).containsExactly("nmcli", "connection", "modify", "uuid", WG,
                "ipv6.ignore-auto-dns", "yes", "ipv6.dns", "2001:db8::53", "ipv6.dns-search", "~corp.example");
    }
}
