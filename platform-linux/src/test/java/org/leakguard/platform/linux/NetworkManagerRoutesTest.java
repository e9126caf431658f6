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
