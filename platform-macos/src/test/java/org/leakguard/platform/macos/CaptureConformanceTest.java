package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every parser over the real captures in the test resources' {@code captured/} folder (each
 * file's .source names the command, the macOS release and where it was published). They are part
 * of the module, so these tests run in any clone and on any runner. What each capture must give
 * is asserted, not only that it parses.
 */
class CaptureConformanceTest {

    @Test
    void everyCaptureHasItsProvenance() throws IOException {
        try (Stream<Path> s = Files.list(Captures.capturedDir())) {
            List<Path> outputs = s.filter(p -> p.toString().endsWith(".txt")).toList();
            assertThat(outputs).hasSizeGreaterThanOrEqualTo(16);
            outputs.forEach(p -> assertThat(Path.of(p + ".source")).as("provenance of " + p.getFileName()).isRegularFile());
        }
    }

    private static Stream<DynamicTest> each(String prefix, Check check) throws IOException {
        Path dir = Captures.capturedDir();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
            assertThat(files).as(prefix).isNotEmpty();
            return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(),
                    () -> check.run(p.getFileName().toString(), Files.readString(p))));
        }
    }

    interface Check {
        void run(String name, String text) throws Exception;
    }

    /** networksetup -getdnsservers Wi-Fi, OS X 2014 and macOS 2023 (kodango/switchdns#1, mageddo/dns-proxy-server#335). */
    @TestFactory
    Stream<DynamicTest> getdnsservers() throws IOException {
        return each("networksetup-getdnsservers--", (name, text) -> {
            List<String> servers = ServiceSetting.DNS_SERVERS.parse(text);
            if (name.contains("none-set")) {
                assertThat(servers).isEmpty();
            } else {
                assertThat(servers).containsExactly("8.8.8.8", "8.8.4.4");
            }
        });
    }

    /** networksetup -listallnetworkservices, OS X 2014 and macOS 2023: every listed service, none disabled. */
    @TestFactory
    Stream<DynamicTest> listallnetworkservices() throws IOException {
        return each("networksetup-listallnetworkservices--", (name, text) -> {
            List<NetworkService> services = NetworkService.parse(text);
            assertThat(services).hasSize((int) text.lines().filter(l -> !l.isBlank()).count() - 1);
            assertThat(services).allMatch(NetworkService::enabled).extracting(NetworkService::name).contains("Wi-Fi");
            services.forEach(s -> assertThat(ServiceName.valid(s.name())).as(s.name()).isTrue());
        });
    }

    /** pfctl -E on OS X 10.7+ (kyungw00k blog, 2013): the token is the last line, after -vvv rule dumps. */
    @TestFactory
    Stream<DynamicTest> pfctlEnable() throws IOException {
        return each("pfctl-E--", (name, text) -> assertThat(PfOutput.token(text)).contains("18446743525445205896"));
    }

    /** pfctl -e on OS X 10.11.3 when pf is on already (basecamp/pow#452): no token, nothing to release. */
    @TestFactory
    Stream<DynamicTest> pfctlLowerE() throws IOException {
        return each("pfctl-e--", (name, text) -> assertThat(PfOutput.token(text)).isEmpty());
    }

    /** pfctl -s References on OS X 10.10 (sshuttle/sshuttle#4): one holder's token. */
    @TestFactory
    Stream<DynamicTest> pfctlReferences() throws IOException {
        return each("pfctl-s-references--", (name, text) ->
                assertThat(PfOutput.references(text)).containsExactly("10051342025653898869"));
    }

    /**
     * pfctl -s rules, macOS 10.13 (vpn-kill-switch/killswitch#12): the stock ruleset evaluates
     * com.apple/*; a kill switch's replacement does not, which leakguard reports.
     */
    @TestFactory
    Stream<DynamicTest> pfctlMainRules() throws IOException {
        return each("pfctl-sr--", (name, text) -> {
            assertThat(PfOutput.hasAppleAnchor(text)).isEqualTo(name.contains("default-apple-anchors"));
            assertThat(PfOutput.rules(text)).hasSize(name.contains("killswitch") ? 10 : 2);
            assertThat(PfOutput.labels(text)).allMatch(String::isEmpty);
        });
    }

    /** pfctl -a 'com.apple/*' -sr, OS X 10.10/10.11 (osquery#1521): Apple's error lines are not rules. */
    @TestFactory
    Stream<DynamicTest> pfctlAnchorError() throws IOException {
        return each("pfctl-a-sr--", (name, text) -> {
            assertThat(PfOutput.rules(text)).containsExactly("anchor \"*\" all {", "anchor \"*\" all {");
            assertThat(PfOutput.labels(text)).noneMatch(l -> l.startsWith(PfRuleset.LABEL_PREFIX));
        });
    }

    /** profiles -C on a Jamf-managed macOS 10.14 (leblanck/Pinwheel blog): six identifiers, none leakguard's. */
    @TestFactory
    Stream<DynamicTest> profilesList() throws IOException {
        return each("profiles-list--", (name, text) -> {
            assertThat(InstalledProfiles.parse(text)).hasSize(6).contains("com.jamfsoftware.tcc.management", "com.org.tccprofile")
                    .noneMatch(i -> i.startsWith(MobileConfig.PREFIX));
            assertThat(ProfileCheck.missing(Specs.profileDoh(), InstalledProfiles.parse(text), null, "x")).isPresent();
        });
    }

    /**
     * scutil --dns: OS X 10.8 PPP VPNs (apple.stackexchange 73076 via lj020326/ansible-datacenter),
     * Tunnelblick on 10.13 (Tunnelblick#452), a 2025 VPN with an /etc/resolver file (soulteary/splitdns).
     */
    @TestFactory
    Stream<DynamicTest> scutilDns() throws IOException {
        return each("scutil-dns--", (name, text) -> {
            List<DnsResolver> resolvers = ScutilDns.parse(text);
            assertThat(resolvers).isNotEmpty();
            assertThat(resolvers.stream().filter(DnsResolver::mdns)).allMatch(r -> !r.supplemental());
            var inUse = Ips.texts(ScutilDns.inUse(resolvers));
            var bypass = resolvers.stream().filter(DnsResolver::supplemental).map(DnsResolver::number).toList();
            switch (name) {
                case "scutil-dns--osx-10.8-vpn-ppp0-over-wlan.txt" -> {
                    assertThat(inUse).containsExactly("192.168.1.1", "192.168.80.10", "192.168.80.24");
                    assertThat(bypass).isEmpty();
                    assertThat(resolvers.get(0).ifName()).isEqualTo("ppp0");
                }
                case "scutil-dns--osx-10.8-vpn-ppp1-over-umts-ppp0.txt" -> {
                    assertThat(inUse).containsExactly("139.7.30.125", "139.7.30.126", "192.168.80.10", "192.168.80.24");
                    assertThat(bypass).isEmpty();
                }
                case "scutil-dns--tunnelblick-openvpn-scoped-only-2018.txt" -> {
                    assertThat(inUse).containsExactly("8.8.4.4", "8.8.8.8");
                    assertThat(resolvers.get(0).nameservers()).isEmpty();
                    assertThat(resolvers.get(resolvers.size() - 1).scoped()).isTrue();
                }
                case "scutil-dns--vpn-utun-supplemental-etc-resolver-trimmed.txt" -> {
                    assertThat(inUse).containsExactly("8.8.8.8", "119.29.29.29", "223.5.5.5", "2606:4700:4700::1111");
                    assertThat(bypass).containsExactly(1, 9);
                    assertThat(resolvers.stream().filter(r -> r.number() == 9).findFirst().orElseThrow().domain())
                            .isEqualTo("lab.dev");
                }
                default -> throw new AssertionError("a new scutil capture: add what it must give: " + name);
            }
        });
    }

    /**
     * scutil's dictionary of a VPN service's DNS: FortiClient's stale entry (apple.stackexchange via
     * lj020326/ansible-datacenter), an empty SupplementalMatchDomains entry that matches every name.
     * What FakeNetworksetup makes of it is what configd makes of it: a Supplemental resolver with no
     * domain, first, judged with the default resolvers.
     */
    @TestFactory
    Stream<DynamicTest> scutilServiceDns() throws IOException {
        return each("scutil-show-service-dns--", (name, text) -> {
            var dict = ScutilDictionary.parse(text);
            assertThat(ScutilDictionary.strings(dict, "ServerAddresses")).containsExactly("192.168.30.6", "192.168.30.15");
            assertThat(ScutilDictionary.strings(dict, "SupplementalMatchDomains")).containsExactly("");
            assertThat(ScutilDictionary.strings(dict, "SupplementalMatchOrders")).containsExactly("100000");

            var commands = MacHosts.asRoot(new org.leakguard.agent.host.ScriptedCommands());
            String scutil = new FakeNetworksetup(commands).service("Wi-Fi", true, List.of("203.0.113.53"),
                    ResolversControlTest.AUTO).vpn(text).scutil();
            List<DnsResolver> resolvers = ScutilDns.parse(scutil);
            assertThat(resolvers.get(0).role()).isEqualTo("supplemental (every name) resolver #1 on an interface scutil does not name");
            assertThat(resolvers.get(0).judged()).isTrue();
            assertThat(resolvers.get(1).nameservers()).containsExactly("203.0.113.53");
            assertThat(scutil).contains("resolver #1\n  nameserver[0] : 192.168.30.6\n  nameserver[1] : 192.168.30.15\n"
                    + "  flags    : Supplemental, Request A records, Request AAAA records\n"
                    + "  reach    : 0x00000003 (Reachable,Transient Connection)\n  order    : 100000\n");
        });
    }

    /** The resolver blocks the fake prints have the captured layout, line for line (interface index aside). */
    @Test
    void theFakeScutilPrintsTheCapturedLayout() {
        String captured = Captures.captured("scutil-dns--vpn-utun-supplemental-etc-resolver-trimmed.txt");
        String vpn = "<dictionary> {\n  InterfaceName : utun4\n  ServerAddresses : <array> {\n    0 : 2606:4700:4700::1111\n"
                + "    1 : 223.5.5.5\n    2 : 119.29.29.29\n    3 : 8.8.8.8\n  }\n  SupplementalMatchDomains : <array> {\n"
                + "    0 :\n  }\n  SupplementalMatchOrders : <array> {\n    0 : 103800\n  }\n}\n";
        var commands = MacHosts.asRoot(new org.leakguard.agent.host.ScriptedCommands());
        String fake = new FakeNetworksetup(commands).service("Wi-Fi", true, List.of("198.51.100.1"), ResolversControlTest.AUTO)
                .vpn(vpn).scutil();

        assertThat(block(fake, 1)).isEqualTo(block(captured, 1));
        assertThat(block(fake, 3)).isEqualTo(block(captured, 3));
        assertThat(FakeConfigd.flatfile("lab.dev", "nameserver 127.0.0.1\nport 53\n").toString())
                .contains("domain=lab.dev", "nameservers=[127.0.0.1]", "port=53", "Local Address");
        assertThat(ScutilDns.parse(fake).stream().filter(DnsResolver::mdns).map(DnsResolver::domain)).containsExactly("local",
                "254.169.in-addr.arpa", "8.e.f.ip6.arpa", "9.e.f.ip6.arpa", "a.e.f.ip6.arpa", "b.e.f.ip6.arpa");
    }

    /** One resolver block of the unscoped part, its if_index number blanked. */
    private static String block(String scutil, int number) {
        String unscoped = scutil.split("DNS configuration \\(for scoped queries\\)")[0];
        for (String b : unscoped.split("\n\n")) {
            if (b.strip().startsWith("resolver #" + number + "\n")) {
                return b.strip().replaceAll("if_index : \\d+", "if_index : N");
            }
        }
        throw new AssertionError("no resolver #" + number + " in:\n" + scutil);
    }
}
