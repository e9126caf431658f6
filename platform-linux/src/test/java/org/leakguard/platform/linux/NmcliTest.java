package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NmcliTest {

    @Test
    void activeConnectionsKeepEscapedColonsInNames() {
        List<List<String>> rows = Nmcli.parseActive(Fixtures.text("nmcli/active.txt"));
        assertThat(rows).containsExactly(
                List.of("Wired connection 1", "0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11", "802-3-ethernet", "enp3s0"),
                List.of("lo", "5b7e2f90-1c4d-4e8a-b6f3-2a9d8c7e6f50", "loopback", "lo"),
                List.of("cafe: guest wifi", "9d3c1b2a-7e6f-4a5b-8c9d-0e1f2a3b4c5d", "802-11-wireless", "wlp2s0"));
    }

    @Test
    void dnsSettingsOfADhcpProfile() {
        Map<String, String> p = Nmcli.parseProperties(Fixtures.text("nmcli/ethernet-dhcp.txt"));
        assertThat(Nmcli.family(p, "ipv4")).isEqualTo(new NmcliDns("auto", "", "no"));
        assertThat(Nmcli.family(p, "ipv6")).isEqualTo(new NmcliDns("auto", "", "no"));
        assertThat(Nmcli.family(p, "ipv4").automatic()).isTrue();
    }

    @Test
    void dnsSettingsWithServersAndIpv6Disabled() {
        Map<String, String> p = Nmcli.parseProperties(Fixtures.text("nmcli/wifi-static-dns.txt"));
        NmcliDns v4 = Nmcli.family(p, "ipv4");
        assertThat(v4.servers()).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(v4.ignoreAutoDns()).isEqualTo("yes");
        assertThat(Nmcli.family(p, "ipv6").automatic()).isFalse();
    }

    @Test
    void ipv6ValuesKeepTheirColonsInMultilineOutput() {
        Map<String, String> p = Nmcli.parseProperties("ipv6.method:auto\nipv6.dns:2001:db8::53,2001:db8::54\n"
                + "ipv6.ignore-auto-dns:yes\n");
        assertThat(Nmcli.family(p, "ipv6").servers()).containsExactly("2001:db8::53", "2001:db8::54");
    }

    @Test
    void missingPropertiesAreUnknownNotDefaults() {
        assertThat(Nmcli.family(Map.of("ipv4.method", "auto"), "ipv4")).isNull();
    }

    @Test
    void runningOnlyWhenNmcliSaysSo() {
        assertThat(Nmcli.parseRunning("running\n")).isTrue();
        assertThat(Nmcli.parseRunning("starting\n")).isFalse();
        assertThat(Nmcli.parseRunning("")).isFalse();
    }

    @Test
    void uuidsAndDevicesAreCheckedBeforeTheyReachAnArgv() {
        assertThat(Nmcli.isUuid("0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11")).isTrue();
        assertThat(Nmcli.isUuid("Wired connection 1")).isFalse();
        assertThat(Nmcli.isUuid("--help")).isFalse();
        assertThat(Nmcli.isDevice("enp3s0")).isTrue();
        assertThat(Nmcli.isDevice("")).isFalse();
        assertThat(Nmcli.isDevice("a b")).isFalse();
        assertThat(Nmcli.show("0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11"))
                .endsWith("connection", "show", "uuid", "0f4a6c3e-8d2b-4c1a-9e57-3b2d1c0a9f11");
    }

    @Test
    void escapedBackslashAndTrailingEmptyField() {
        assertThat(Nmcli.splitTerse("a\\\\b:c\\::")).containsExactly("a\\b", "c:", "");
    }
}
