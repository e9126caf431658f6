package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code agent diagnose} reports about routing by domain, from real {@code resolvectl status} output. */
class DiagnosisRoutingTest {

    @Test
    void aVpnLinksDomainsGoToItsServersAndItIsNoDefaultRoute() {
        var scopes = DiagnosisRouting.parse(Fixtures.text(
                "captured/resolvectl-status--vpn-link-split-dns-dot-on-systemd257-LINKBLOCK.txt"));
        assertThat(scopes).containsExactly(new ResolvedScope("Link 8 (snx-xfrm)", List.of("172.16.230.53", "172.16.230.54"),
                List.of("dev.local", "prod.local"), false));
        assertThat(DiagnosisRouting.of(scopes).summary()).isEqualTo(
                "names routed by domain: [dev.local, prod.local] -> Link 8 (snx-xfrm) [172.16.230.53, 172.16.230.54]");
    }

    @Test
    void linksWithServersButNoDomainRouteNothingAndTheDefaultRouteTakesTheRest() {
        var scopes = DiagnosisRouting.parse(Fixtures.text(
                "captured/resolvectl-status--nixos-2026-fallback-sni-default-route-lines.txt"));
        assertThat(scopes).extracting(ResolvedScope::name).containsExactly("Global", "Link 2 (eno2)", "Link 3 (eno1)",
                "Link 5 (wlan0)");
        assertThat(scopes.get(0).servers()).as("the fallback list is not a server list").isEmpty();
        assertThat(DiagnosisRouting.of(scopes).summary()).isEqualTo("no name is routed by domain: no link has a routing or"
                + " search domain with servers; every other name: Link 3 (eno1) [10.64.0.254, fd64::fffe]");
    }

    @Test
    void resolvedsOwnSplitWithTheGlobalLabelsPrintedWithoutColons() {
        // resolvectl 252 (Debian 12) prints the Global section's lists without a colon, as in the sandbox.
        String text = """
                Global
                       Protocols: -LLMNR -mDNS -DNSOverTLS DNSSEC=no/unsupported
                resolv.conf mode: stub
                      DNS Servers 198.51.100.53
                       DNS Domain ~.

                Link 3 (lgv0)
                Current Scopes: DNS
                     Protocols: -DefaultRoute +LLMNR -mDNS -DNSOverTLS DNSSEC=no/unsupported
                   DNS Servers: 203.0.113.53
                    DNS Domain: ~corp.example
                """;
        assertThat(DiagnosisRouting.of(DiagnosisRouting.parse(text)).summary()).isEqualTo("names routed by domain:"
                + " [corp.example] -> Link 3 (lgv0) [203.0.113.53]; every other name: Global [198.51.100.53]");
    }
}
