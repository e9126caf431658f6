package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class ResolversControlTest {
    static final Ipv6Setting AUTO = new Ipv6Setting(Ipv6Mode.AUTOMATIC, null, null, null);
    static final List<String> PINNED = List.of("203.0.113.53", "2001:db8::53");

    @TempDir
    Path root;

    final ScriptedCommands commands = MacHosts.asRoot(new ScriptedCommands());
    final FakeNetworksetup ns = new FakeNetworksetup(commands);
    final ResolversControl control = new ResolversControl();

    Host host() {
        return MacHosts.online(root, commands);
    }

    /** Three enabled services (one with manual servers, two on DHCP, one named like a shell command), one disabled. */
    void multiServiceMac() {
        ns.service("USB 10/100/1000 LAN", true, List.of("198.51.100.1"), AUTO)
                .service("Wi-Fi", true, List.of(), AUTO)
                .service("Wi-Fi; rm -rf /", true, List.of(), AUTO)
                .service("Thunderbolt Bridge", false, List.of(), AUTO)
                .acceptEverywhere(ServiceSetting.DNS_SERVERS, PINNED)
                .scutilFollows();
    }

    @Test
    void everyEnabledServiceIsPinnedAndUndoRestoresItsListOrEmpty() throws Exception {
        multiServiceMac();
        Assessment first = ControlContract.holds(control, Specs.pin("203.0.113.53", "2001:db8::53"), host());

        assertThat(first.changes()).extracting(Change::target).containsExactly(
                "network service \"USB 10/100/1000 LAN\" DNS servers", "network service \"Wi-Fi\" DNS servers",
                "network service \"Wi-Fi; rm -rf /\" DNS servers");
        assertThat(first.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("\"Thunderbolt Bridge\" is disabled"));
        assertThat(ns.dns).containsEntry("USB 10/100/1000 LAN", List.of("198.51.100.1")).containsEntry("Wi-Fi", List.of())
                .containsEntry("Wi-Fi; rm -rf /", List.of());
        assertThat(commands.argvs()).contains(
                List.of("networksetup", "-setdnsservers", "Wi-Fi; rm -rf /", "203.0.113.53", "2001:db8::53"),
                List.of("networksetup", "-setdnsservers", "Wi-Fi; rm -rf /", "Empty"),
                List.of("networksetup", "-setdnsservers", "USB 10/100/1000 LAN", "198.51.100.1"));
        assertThat(commands.argvs()).allSatisfy(argv -> assertThat(argv).doesNotContain("rm", "-rf", "/", "Thunderbolt Bridge"));
        assertThat(commands.argvs()).noneMatch(argv -> argv.contains("-getdnsservers") && argv.contains("Thunderbolt Bridge"));
    }

    @Test
    void theExactCommandsOfOnePlanAreReadsOnly() throws Exception {
        multiServiceMac();
        Assessment a = control.plan(Specs.pin(PINNED.toArray(String[]::new)),
                control.observe(Specs.pin(PINNED.toArray(String[]::new)), host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(commands.argvs()).containsExactly(
                List.of("networksetup", "-listallnetworkservices"),
                List.of("networksetup", "-getdnsservers", "USB 10/100/1000 LAN"),
                List.of("networksetup", "-getdnsservers", "Wi-Fi"),
                List.of("networksetup", "-getdnsservers", "Wi-Fi; rm -rf /"),
                List.of("scutil", "--dns"));
        assertThat(a.changes().get(1).summary()).isEqualTo("set DNS servers of \"Wi-Fi\" to 203.0.113.53 2001:db8::53:"
                + " was none set, so DHCP's servers applied");
    }

    @Test
    void searchDomainsArePinnedWhenThePolicyListsThem() throws Exception {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), AUTO)
                .accept(ServiceSetting.SEARCH_DOMAINS, "Wi-Fi", List.of("corp.example"));
        commands.ok(Captures.text("scutil-dns--none.txt"), "scutil", "--dns");

        Assessment a = ControlContract.holds(control, Specs.pinWithSearch(List.of("corp.example"), "203.0.113.53"), host());

        assertThat(a.changes()).hasSize(1);
        assertThat(commands.argvs()).contains(List.of("networksetup", "-setsearchdomains", "Wi-Fi", "corp.example"),
                List.of("networksetup", "-setsearchdomains", "Wi-Fi", "Empty"));
    }

    @Test
    void supplementalResolversAreReportedAsBypassingThePin() throws Exception {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), AUTO);
        commands.ok(Captures.text("scutil-dns--vpn-supplemental.txt"), "scutil", "--dns");
        Spec spec = Specs.pin("203.0.113.53", "2001:db8:ffff::53", "192.0.2.153", "198.51.100.1");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("resolver #9 (lab.example)", "127.0.0.1", "bypass"));
    }

    /**
     * A real capture (OS X 10.8, PPP VPN): scutil's default resolver #1 is ppp0's, which no
     * network service lists; every service is pinned, and yet every query goes to the VPN's servers.
     */
    @Test
    void aDefaultResolverNetworksetupDoesNotListIsNonCompliantAndNamesItsInterface() throws Exception {
        ns.service("Wi-Fi", true, PINNED, AUTO).service("Ethernet", true, PINNED, AUTO);
        commands.ok(Captures.captured("scutil-dns--osx-10.8-vpn-ppp0-over-wlan.txt"), "scutil", "--dns");
        Spec spec = Specs.pin(PINNED.toArray(String[]::new));

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("default resolver #1", "ppp0", "192.168.80.10", "192.168.80.24"))
                .anySatisfy(m -> assertThat(m).contains("scoped resolver #1", "en0", "192.168.1.1"));
    }

    /** Tunnelblick on 10.13 (real capture): the VPN's servers sit only in a scoped resolver on utun0. */
    @Test
    void scopedResolversAreJudgedToo() throws Exception {
        List<String> withVpn = List.of("203.0.113.53", "2001:db8::53", "8.8.8.8", "8.8.4.4");
        ns.service("Wi-Fi", true, PINNED, AUTO);
        commands.ok(Captures.captured("scutil-dns--tunnelblick-openvpn-scoped-only-2018.txt"), "scutil", "--dns");
        Spec pinned = Specs.pin(PINNED.toArray(String[]::new));
        Spec vpns = Specs.pin(withVpn.toArray(String[]::new));

        Assessment leak = control.plan(pinned, control.observe(pinned, host()));
        ns.dns.put("Wi-Fi", withVpn);
        Assessment ok = control.plan(vpns, control.observe(vpns, host()));

        assertThat(leak.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(leak.changes()).isEmpty();
        assertThat(leak.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .singleElement().satisfies(m -> assertThat(m).contains("scoped resolver #1 on utun0", "8.8.8.8, 8.8.4.4"));
        assertThat(ok.status()).isEqualTo(Status.COMPLIANT);
        assertThat(ok.findings()).extracting(Finding::message)
                .contains("scutil --dns scoped resolver #1 on utun0: 8.8.8.8, 8.8.4.4 (pinned)");
    }

    @Test
    void theEffectiveResolversOfAPinnedMacAreCompliantAndEachNamesItsInterface() throws Exception {
        ns.service("Wi-Fi", true, PINNED, AUTO).service("Ethernet", true, PINNED, AUTO).scutilFollows();
        Spec spec = Specs.pin(PINNED.toArray(String[]::new));

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("default resolver #1 on en0", "203.0.113.53"))
                .anySatisfy(m -> assertThat(m).contains("scoped resolver #2 on en1"));
    }

    @Test
    void encryptedDnsIsNonCompliantUntilTheProfileIsInstalledAndSaysWhoCanInstallIt() throws Exception {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), AUTO);
        commands.ok(Captures.text("scutil-dns--none.txt"), "scutil", "--dns");
        commands.ok(Captures.text("profiles-list--other-profiles.txt"), "profiles", "list");
        Spec spec = Specs.encrypted(Encryption.DOH, "203.0.113.53");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(MobileConfig.of(spec).orElseThrow().identifier(),
                        "macOS 11 and later", "agent profile export", "MDM"));
    }

    @Test
    void encryptedDnsWithTheProfileInstalledIsCompliant() throws Exception {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), AUTO);
        Spec spec = Specs.encrypted(Encryption.DOT, "203.0.113.53");
        commands.ok(Captures.text("scutil-dns--none.txt"), "scutil", "--dns");
        commands.ok("_computerlevel[1] attribute: profileIdentifier: " + MobileConfig.of(spec).orElseThrow().identifier() + "\n",
                "profiles", "list");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
    }

    /** Run by another user, profiles list leaves out computer-level profiles: unknown, never "not installed". */
    @Test
    void anUnprivilegedCheckIsUnknownNeverMissing() throws Exception {
        ScriptedCommands user = MacHosts.asUser(new ScriptedCommands());
        new FakeNetworksetup(user).service("Wi-Fi", true, List.of("203.0.113.53"), AUTO);
        user.ok(Captures.text("scutil-dns--none.txt"), "scutil", "--dns");
        Spec spec = Specs.encrypted(Encryption.DOH, "203.0.113.53");

        Assessment a = control.plan(spec, control.observe(spec, MacHosts.online(root, user)));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("needs root to read installed profiles", "uid 501"))
                .noneSatisfy(m -> assertThat(m).contains("which is not installed"));
        assertThat(user.argvs()).doesNotContain(InstalledProfiles.COMMAND);
    }

    @Test
    void networksetupThatCannotRunIsUnknown() throws Exception {
        ScriptedCommands none = new ScriptedCommands().missing("networksetup");
        Spec spec = Specs.pin("203.0.113.53");

        Assessment a = control.plan(spec, control.observe(spec, MacHosts.online(root, none)));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings().get(0).message()).contains("network services could not be read");
    }

    @Test
    void aServiceNameStartingWithADashIsSkippedAndSaid() throws Exception {
        ns.service("Wi-Fi", true, List.of("203.0.113.53"), AUTO);
        ns.enabled.put("-evil", true);
        commands.ok(Captures.text("scutil-dns--none.txt"), "scutil", "--dns");
        Spec spec = Specs.pin("203.0.113.53");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("\"-evil\" starts with '-'"));
        assertThat(commands.argvs()).noneMatch(argv -> argv.contains("-evil"));
    }
}
