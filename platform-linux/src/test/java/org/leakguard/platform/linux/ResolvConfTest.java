package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolvConfTest {

    @ParameterizedTest
    @CsvSource({
        "resolv/networkmanager.conf, NETWORK_MANAGER",
        "resolv/networkmanager-dispatcher.conf, NETWORK_MANAGER",
        "resolv/resolvconf-debian.conf, RESOLVCONF",
        "resolv/openresolv.conf, RESOLVCONF",
        "resolv/resolved-stub.conf, SYSTEMD_RESOLVED",
        "resolv/wsl.conf, WSL",
        "resolv/dhclient-script.conf, DHCLIENT",
        "resolv/plain.conf, PLAIN"
    })
    void headerNamesTheOwner(String fixture, ResolvOwner owner) {
        assertThat(ResolvConf.parseOwner(List.of(), Fixtures.text(fixture), false)).isEqualTo(owner);
    }

    @ParameterizedTest
    @CsvSource({
        "/run/systemd/resolve/stub-resolv.conf, SYSTEMD_RESOLVED",
        "/run/systemd/resolve/resolv.conf, SYSTEMD_RESOLVED",
        "/usr/lib/systemd/resolv.conf, SYSTEMD_RESOLVED",
        "/var/run/systemd/resolve/stub-resolv.conf, SYSTEMD_RESOLVED",
        "/run/NetworkManager/resolv.conf, NETWORK_MANAGER",
        "/run/resolvconf/resolv.conf, RESOLVCONF",
        "/etc/resolvconf/run/resolv.conf, RESOLVCONF",
        "/etc/resolv.conf.lab, PLAIN"
    })
    void linkTargetNamesTheOwnerBeforeTheHeader(String target, ResolvOwner owner) {
        assertThat(ResolvConf.parseOwner(List.of(target), Fixtures.text("resolv/plain.conf"), false)).isEqualTo(owner);
    }

    @Test
    void anyHopOfTheChainCounts() {
        List<String> chain = List.of("/etc/resolvconf/run/resolv.conf", "/run/resolvconf/resolv.conf");
        assertThat(ResolvConf.parseOwner(chain, null, false)).isEqualTo(ResolvOwner.RESOLVCONF);
    }

    @Test
    void absentDanglingAndLeases() {
        assertThat(ResolvConf.parseOwner(List.of(), null, false)).isEqualTo(ResolvOwner.ABSENT);
        assertThat(ResolvConf.parseOwner(List.of("/run/other/resolv.conf"), null, false)).isEqualTo(ResolvOwner.PLAIN);
        assertThat(ResolvConf.parseOwner(List.of(), Fixtures.text("resolv/plain.conf"), true))
                .isEqualTo(ResolvOwner.DHCLIENT);
    }

    @Test
    void pinKeepsOtherLinesAndDropsOldDirectives() {
        String pinned = ResolvConf.pin(Fixtures.text("resolv/plain.conf"), List.of("198.51.100.53", "2001:db8::53"),
                List.of("corp.example", "example"));
        assertThat(pinned).isEqualTo(ResolvConf.MARKER + "\n"
                + "# resolvers for the lab\n"
                + "options timeout:1 attempts:2\n"
                + "sortlist 192.0.2.0/255.255.255.0\n"
                + "search corp.example example\n"
                + "nameserver 198.51.100.53\n"
                + "nameserver 2001:db8::53\n");
        assertThat(ResolvConf.parseHeaderOwner(pinned)).isEqualTo(ResolvOwner.LEAKGUARD);
    }

    @Test
    void pinIsIdempotentAndTakesOverAManagedHeader() {
        String once = ResolvConf.pin(Fixtures.text("resolv/networkmanager.conf"), List.of("192.0.2.53"), List.of());
        assertThat(ResolvConf.pin(once, List.of("192.0.2.53"), List.of())).isEqualTo(once);
        assertThat(ResolvConf.parseOwner(List.of(), once, false)).isEqualTo(ResolvOwner.LEAKGUARD);
        assertThat(once).contains("options edns0\n").doesNotContain("198.51.100.1");
    }

    @Test
    void aPolicyWithoutSearchDomainsKeepsTheHostsSearchAndDomainLines() {
        String pinned = ResolvConf.pin(Fixtures.text("resolv/networkmanager.conf"), List.of("192.0.2.53"), List.of());
        assertThat(pinned).contains("search corp.example\n").contains("options edns0\n")
                .doesNotContain("198.51.100.1").doesNotContain("2001:db8::1");
        assertThat(ResolvConf.parseSearch(pinned)).containsExactly("corp.example");
        assertThat(ResolvConf.pin(Fixtures.text("resolv/plain.conf"), List.of("192.0.2.53"), List.of()))
                .contains("domain corp.example\n").doesNotContain("192.0.2.1\n");
    }

    @Test
    void aPolicyWithSearchDomainsReplacesTheHostsLines() {
        String pinned = ResolvConf.pin(Fixtures.text("resolv/plain.conf"), List.of("192.0.2.53"), List.of("lab.example"));
        assertThat(ResolvConf.parseSearch(pinned)).containsExactly("lab.example");
        assertThat(pinned).doesNotContain("domain corp.example");
    }

    @Test
    void pinOfNothingIsMarkerAndServers() {
        assertThat(ResolvConf.pin(null, List.of("192.0.2.53"), List.of()))
                .isEqualTo(ResolvConf.MARKER + "\nnameserver 192.0.2.53\n");
    }

    @Test
    void crlfAndIndentedDirectivesAreRead() {
        String text = "nameserver 192.0.2.1\r\n  search a.example\r\noptions ndots:2\r\n";
        assertThat(ResolvConf.parseNameservers(text)).containsExactly("192.0.2.1");
        assertThat(ResolvConf.parseSearch(text)).containsExactly("a.example");
        assertThat(ResolvConf.pin(text, List.of("192.0.2.53"), List.of())).contains("options ndots:2\n");
    }

    @Test
    void lastSearchOrDomainLineWins() {
        assertThat(ResolvConf.parseSearch(Fixtures.text("resolv/resolvconf-debian.conf")))
                .containsExactly("corp.example", "branch.example");
        assertThat(ResolvConf.parseNameservers(Fixtures.text("resolv/resolvconf-debian.conf")))
                .containsExactly("198.51.100.1", "198.51.100.2");
    }
}
