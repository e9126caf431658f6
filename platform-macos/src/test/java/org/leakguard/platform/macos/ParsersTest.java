package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each parser on the module's fixtures and on the edge cases the captures show. */
class ParsersTest {

    @Test
    void servicesKeepTheirNamesAndTheAsteriskMarksDisabledOnes() {
        List<NetworkService> s = NetworkService.parse("""
                An asterisk (*) denotes that a network service is disabled.
                USB 10/100/1000 LAN
                *Thunderbolt Bridge
                Wi-Fi; rm -rf /
                """);
        assertThat(s).containsExactly(new NetworkService("USB 10/100/1000 LAN", true),
                new NetworkService("Thunderbolt Bridge", false), new NetworkService("Wi-Fi; rm -rf /", true));
    }

    @Test
    void dnsServersOrTheNoneSentenceWithOrWithoutTrailingSpace() {
        assertThat(ServiceSetting.DNS_SERVERS.parse("203.0.113.53\n2001:db8::53\n")).containsExactly("203.0.113.53", "2001:db8::53");
        assertThat(ServiceSetting.DNS_SERVERS.parse("There aren't any DNS Servers set on Wi-Fi. \n")).isEmpty();
        assertThat(ServiceSetting.SEARCH_DOMAINS.parse("There aren't any Search Domains set on Wi-Fi.\n")).isEmpty();
        assertThat(ServiceSetting.SEARCH_DOMAINS.parse("corp.example\n")).containsExactly("corp.example");
        assertThatThrownBy(() -> ServiceSetting.DNS_SERVERS.parse("Wi-Fi is not a recognized network service.\n"))
                .hasMessageContaining("not a recognized");
        assertThatThrownBy(() -> ServiceSetting.DNS_SERVERS.parse("dns.example\n")).hasMessageContaining("not a valid entry");
    }

    @Test
    void valuesThatCouldBeReadAsOptionsNeverReachACommand() {
        assertThatThrownBy(() -> ServiceSetting.SEARCH_DOMAINS.write("Wi-Fi", List.of("-setv6off")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSetting.DNS_SERVERS.write("Wi-Fi", List.of("Empty"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceSetting.DNS_SERVERS.read("-listallnetworkservices")).hasMessageContaining("starts with '-'");
        assertThatThrownBy(() -> new SetServiceList(ServiceSetting.DNS_SERVERS, "Wi-Fi\nEthernet", List.of("203.0.113.53"), "x"))
                .hasMessageContaining("control character");
        assertThat(ServiceSetting.DNS_SERVERS.write("Wi-Fi; rm -rf /", List.of()))
                .containsExactly("networksetup", "-setdnsservers", "Wi-Fi; rm -rf /", "Empty");
    }

    @Test
    void getinfoGivesTheModeAndAManualAddressWhole() {
        assertThat(Ipv6Setting.parse(Captures.text("getinfo--dhcp-v6-automatic.txt")))
                .isEqualTo(new Ipv6Setting(Ipv6Mode.AUTOMATIC, null, null, null));
        Ipv6Setting manual = Ipv6Setting.parse(Captures.text("getinfo--manual-v6.txt"));
        assertThat(manual).isEqualTo(new Ipv6Setting(Ipv6Mode.MANUAL, "2001:db8:1::20", "64", "2001:db8:1::1"));
        assertThat(manual.restore("Ethernet"))
                .containsExactly("networksetup", "-setv6manual", "Ethernet", "2001:db8:1::20", "64", "2001:db8:1::1");
        assertThat(Ipv6Setting.parse("IPv6: Off\n").mode()).isEqualTo(Ipv6Mode.OFF);
        assertThat(Ipv6Setting.parse("IPv6: Link-local only\n").restore("Wi-Fi"))
                .containsExactly("networksetup", "-setv6LinkLocal", "Wi-Fi");
    }

    @Test
    void aManualAddressWithoutPrefixOrAnUnknownModeIsNotRestorable() {
        assertThat(Ipv6Setting.parse("IPv6: Manual\nIPv6 IP address: 2001:db8:1::20\nIPv6 Router: 2001:db8:1::1\n").unrestorable())
                .hasValueSatisfying(w -> assertThat(w).contains("prefix length (null)"));
        assertThat(Ipv6Setting.parse("IP address: 192.0.2.1\nIPv6: 6to4\n").unrestorable()).isPresent();
        assertThat(Ipv6Setting.parse(Captures.text("getinfo--vpn-no-ipv6.txt")).mode()).isEqualTo(Ipv6Mode.NONE);
    }

    @Test
    void profilesListIdentifiersWithTheCountLine() {
        assertThat(InstalledProfiles.parse(Captures.text("profiles-list--with-count-line.txt")))
                .containsExactlyInAnyOrder("com.example.wifi", "org.leakguard.dns.0123456789ab");
        assertThat(InstalledProfiles.parse("There are no configuration profiles installed\n")).isEmpty();
    }

    @Test
    void anchorRulesGiveTheirLabelsInOrderAndEmptyForAnUnlabelledRule() {
        assertThat(PfOutput.labels(FakePf.ALTQ + Captures.text("pfctl-a-sr--labelled-rules.txt"))).containsExactly(
                "leakguard 0123456789ab lo-udp-53", "leakguard 0123456789ab ok-tcp-53", "leakguard 0123456789ab block-udp-53", "");
        assertThat(PfOutput.labels(FakePf.ALTQ)).isEmpty();
        assertThat(PfOutput.tableAddresses("   192.0.2.1\n   2001:db8::53\n")).containsExactly("192.0.2.1", "2001:db8::53");
    }

    @Test
    void pfConfWithAndWithoutApplesAnchorPoint() {
        assertThat(PfOutput.hasAppleAnchor(Captures.text("pf.conf--stock"))).isTrue();
        assertThat(PfOutput.hasAppleAnchor("# anchor \"com.apple/*\"\npass all\n")).isFalse();
    }

    @Test
    void ipv6TextIsRfc5952() {
        assertThat(Ips.text(Ips.parse("2001:0db8:0:0:0:0:0:53"))).isEqualTo("2001:db8::53");
        assertThat(Ips.text(Ips.parse("::"))).isEqualTo("::");
        assertThat(Ips.text(Ips.parse("::1"))).isEqualTo("::1");
        assertThat(Ips.text(Ips.parse("2001:db8::"))).isEqualTo("2001:db8::");
        assertThat(Ips.text(Ips.parse("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(Ips.text(Ips.parse("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Ips.text(Ips.parse("fe80::1%en0"))).isEqualTo("fe80::1");
        assertThatThrownBy(() -> Ips.parse("dns.google")).hasMessageContaining("not an IP literal");
    }
}
