package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diagnose parsers over files written in the kernel's and the tools' formats, with documentation values. */
class DiagnosisParseTest {

    @Test
    void procNetUdpDecodesLittleEndianAddressesAndStates() {
        List<ProcSocket> all = ProcNet.parse("udp", Fixtures.text("diag/proc-net-udp.txt"));
        assertThat(all).hasSize(4);
        assertThat(all.get(0)).isEqualTo(new ProcSocket("udp", "127.0.0.53", 53, "0.0.0.0", 0, 7, 41230));
        assertThat(all.get(0).listening()).isTrue();
        assertThat(all.get(1).remote()).isEqualTo("198.51.100.53");
        assertThat(all.get(2).remote()).isEqualTo("203.0.113.53");
        assertThat(all).filteredOn(ProcSocket::dns).hasSize(3);
    }

    @Test
    void procNetTcp6DecodesFourHostEndianWords() {
        List<ProcSocket> all = ProcNet.parse("tcp6", Fixtures.text("diag/proc-net-tcp6.txt"));
        assertThat(all.get(0)).extracting(ProcSocket::local, ProcSocket::localPort, ProcSocket::stateName)
                .containsExactly("::1", 53, "LISTEN");
        assertThat(all.get(1)).extracting(ProcSocket::local, ProcSocket::remote, ProcSocket::remotePort)
                .containsExactly("2001:db8::2", "2001:db8:1::53", 853);
        assertThat(ProcNet.socketInode("socket:[41301]")).isEqualTo(41301);
        assertThat(ProcNet.socketInode("pipe:[7]")).isEqualTo(-1);
    }

    @Test
    void everyTcpStateHasSsWordNotANumber() {
        assertThat(new ProcSocket("tcp", "192.0.2.2", 40000, "198.51.100.53", 53, 6, 1).stateName()).isEqualTo("TIME-WAIT");
        for (int state = 1; state <= 12; state++) {
            assertThat(new ProcSocket("tcp", "192.0.2.2", 40000, "198.51.100.53", 53, state, 1).stateName())
                    .isNotEqualTo("UNKNOWN").doesNotStartWith("STATE");
        }
    }

    @Test
    void socketsAreShownAsSsWouldAndForeignServersNamed() {
        List<ProcSocket> udp = ProcNet.parse("udp", Fixtures.text("diag/proc-net-udp.txt"));
        Map<Long, String> owners = Map.of(41288L, SocketsFormat.owner("firefox-esr\n", 4242));
        assertThat(SocketsFormat.line(udp.get(0), owners)).isEqualTo("udp UNCONN 127.0.0.53:53 0.0.0.0:*");
        assertThat(SocketsFormat.line(udp.get(1), owners))
                .isEqualTo("udp ESTAB 192.168.0.2:54321 198.51.100.53:53 users:((\"firefox-esr\",pid=4242))");
        assertThat(DiagnosisSockets.foreign(udp.stream().filter(ProcSocket::dns).toList(), List.of("203.0.113.53", "fe80::1%eth0"), owners))
                .containsExactly("198.51.100.53:53 (\"firefox-esr\",pid=4242)");
    }

    @Test
    void ifInet6GivesGlobalAddressesByScope() {
        List<Ipv6DiagParse.Inet6> all = Ipv6DiagParse.ifInet6(Fixtures.text("diag/if_inet6.txt"));
        assertThat(all).hasSize(4);
        assertThat(all).filteredOn(Ipv6DiagParse.Inet6::global).extracting(Ipv6DiagParse.Inet6::address)
                .containsExactly("2001:db8:0:1::2", "fd00::2");
        assertThat(all.get(1).prefix()).isEqualTo(64);
    }

    @Test
    void leaseAndLinkFilesNameIpv6Resolvers() {
        assertThat(Ipv6DiagParse.leaseServers(Fixtures.text("diag/dhclient6.leases")))
                .containsExactly("2001:db8:1::53", "2001:db8:1::54");
        assertThat(Ipv6DiagParse.leaseServers(Fixtures.text("diag/networkd-link-2.txt"))).containsExactly("2001:db8:2::53");
    }

    @Test
    void resolvectlServersPerLinkWithContinuationLines() {
        String text = "Global\n       Protocols: -LLMNR -mDNS -DNSOverTLS DNSSEC=no/unsupported\n"
                + "resolv.conf mode: stub\nFallback DNS Servers: 192.0.2.1\n                      2001:db8::1\n\n"
                + "Link 3 (eth0)\nCurrent DNS Server: 198.51.100.53\n       DNS Servers: 198.51.100.53\n"
                + "                    2001:db8:1::53\n        DNS Domain: corp.example\n";
        Map<String, List<String>> links = DiagnosisLinks.parseResolvectl(text);
        assertThat(links).containsEntry("Global fallback", List.of("192.0.2.1", "2001:db8::1"))
                .containsEntry("Link 3 (eth0)", List.of("198.51.100.53", "2001:db8:1::53"));
    }

    @Test
    void nmcliTerseServersPerDevice() {
        String text = "GENERAL.DEVICE:eth0\nIP4.DNS[1]:198.51.100.53\nIP6.DNS[1]:2001:db8:1::53\n\nGENERAL.DEVICE:lo\n";
        assertThat(DiagnosisLinks.parseNmcli(text)).containsEntry("eth0", List.of("198.51.100.53", "2001:db8:1::53"))
                .containsEntry("lo", List.of());
    }

    @Test
    void theBootFileReadsBackOnlyWhenUntouched() {
        WantedTable t = FirewallRules.wanted(Specs.standardFirewall(), new java.util.ArrayList<>()).orElseThrow().nft();
        String file = FirewallBootText.NFT_HEADER + t.script();
        assertThat(NftFile.parse(file)).contains(t);
        assertThat(NftFile.parse(file.replace("203.0.113.53,", "203.0.113.54,"))).isEmpty();
        assertThat(NftFile.parse(file.replace("lg:dns-udp-reject", "lg:dns-udp-accept"))).isEmpty();
    }
}
