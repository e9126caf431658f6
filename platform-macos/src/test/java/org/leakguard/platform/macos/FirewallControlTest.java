package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

class FirewallControlTest {
    static final String OURS = "18446743525445205896";
    static final String VPN = "10051342025653898869";

    @TempDir
    Path root;

    final ScriptedCommands commands = new ScriptedCommands();
    final FakePf pf = new FakePf(commands, OURS);
    final FirewallControl control = new FirewallControl();
    final Spec spec = Specs.standardFirewall();

    @BeforeEach
    void stockMac() throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/pf.conf"), Captures.text("pf.conf--stock"));
        commands.ok(Captures.text("scutil-dns--dhcp-and-vpn.txt"), "scutil", "--dns");
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));
    }

    Host host() {
        return MacHosts.online(root, commands);
    }

    @Test
    void rulesetAndLaunchDaemonAreGolden() {
        PfRuleset rules = PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow();
        assertThat(rules.text()).isEqualTo(Captures.golden("pf-standard.golden.conf", rules.text()));
        assertThat(LaunchDaemon.plist()).isEqualTo(Captures.golden("launchdaemon.golden.plist", LaunchDaemon.plist()));
        assertThat(rules.text()).contains("table <leakguard_dns_ok> const { 9.9.9.9 203.0.113.53 2001:db8::53 }");
        assertThat(rules.tables().get(PfRuleset.DOH)).doesNotContain(Ips.parse("9.9.9.9"))
                .contains(Ips.parse("192.0.2.44"), Ips.parse("2001:db8:d0::44"));
    }

    @Test
    void aFreshMacGetsAnchorReferenceKilledStatesAndBootFilesInThatOrder() throws Exception {
        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).extracting(Change::target).containsExactly("pf anchor com.apple/250.leakguard",
                "pf enable reference", "pf enable token", "pf states", "/etc/leakguard/pf.anchor",
                "/Library/LaunchDaemons/org.leakguard.pf.plist");
        assertThat(((LoadAnchor) a.changes().get(0)).ruleset()).isEqualTo(Captures.text("pf-standard.golden.conf"));
        assertThat(((KillStates) a.changes().get(3)).addresses()).contains("198.51.100.1", "198.51.100.10", "192.0.2.44")
                .doesNotContain("203.0.113.53", "9.9.9.9");
        assertThat(((WriteFile) a.changes().get(5)).text()).isEqualTo(Captures.text("launchdaemon.golden.plist"));
        assertThat(commands.argvs()).containsExactly(
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-s", "rules"),
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-t", "leakguard_dns_ok", "-T", "show"),
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-t", "leakguard_doh", "-T", "show"),
                List.of("pfctl", "-s", "References"),
                List.of("pfctl", "-s", "rules"),
                List.of("scutil", "--dns"));
    }

    @Test
    void contractHoldsAndRollbackReleasesOnlyOurReferenceWhileAVpnKeepsPfOn() throws Exception {
        pf.heldBy(VPN);

        ControlContract.holds(control, spec, host());

        assertThat(pf.released).containsExactly(List.of("pfctl", "-X", OURS));
        assertThat(pf.references).containsOnlyKeys(VPN);
        assertThat(commands.argvs()).noneMatch(a -> a.contains("-d")).noneMatch(a -> a.contains("-X") && a.contains(VPN));
        assertThat(commands.argvs()).contains(List.of("pfctl", "-a", "com.apple/250.leakguard", "-F", "rules"),
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-F", "Tables"), List.of("pfctl", "-k", "0.0.0.0/0", "-k", "198.51.100.1"));
        assertThat(pf.exists()).isFalse();
        assertThat(root.resolve("Library/LaunchDaemons/org.leakguard.pf.plist")).doesNotExist();
    }

    @Test
    void theTokenPfctlPrintsIsKeptSoTheNextCheckSeesTheReferenceHeld() throws Exception {
        Host host = host();
        Assessment a = control.plan(spec, control.observe(spec, host));
        for (Change c : a.changes()) {
            c.capture(host);
            c.apply(host);
        }

        assertThat(Files.readString(root.resolve("var/db/leakguard/pf.token"))).isEqualTo(OURS + "\n");
        assertThat(Files.getPosixFilePermissions(root.resolve("var/db/leakguard/pf.token")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        Assessment again = control.plan(spec, control.observe(spec, host));
        assertThat(again.status()).isEqualTo(Status.COMPLIANT);
        assertThat(again.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("loaded and intact"));
    }

    @Test
    void aRebootTakesTheReferenceFromTheLaunchDaemonsLog() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        pf.references.clear();
        pf.references.put("42", 1L);
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/log/leakguard-pf.log"), FakePf.ALTQ + "pf enabled\nToken : 42\n");

        assertThat(control.plan(spec, control.observe(spec, host)).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void undoWithATokenARebootDroppedLeavesPfAlone() throws Exception {
        Host host = host();
        EnablePf enable = new EnablePf(LaunchDaemon.TOKEN, "test");
        enable.apply(host);
        pf.references.clear();

        enable.undo(host, new BeforeImage.Nothing());

        assertThat(pf.released).isEmpty();
    }

    /** pfctl -a ANCHOR -s rules on an anchor pf does not have, as real pfctl answers it. */
    @Test
    void aMissingAnchorReadsAsAbsentNotUnknown() throws Exception {
        String said = Captures.captured("pfctl-a-sr--apple-wildcard-anchor-diocgetrules-error.txt").lines()
                .filter(l -> l.startsWith("pfctl:")).findFirst().orElseThrow();
        assertThat(FakePf.NO_ANCHOR.strip()).isEqualTo(said);

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).first().isInstanceOf(LoadAnchor.class);
        assertThat(a.findings()).extracting(Finding::message).contains("anchor com.apple/250.leakguard has no rules loaded");
    }

    @Test
    void undoLoadsBackTheRulesPfHeldBeforeNotTheBootFile() throws Exception {
        Host host = host();
        String older = "table <leakguard_dns_ok> const { 198.51.100.53 }\n"
                + "pass out quick proto udp from any to <leakguard_dns_ok> port 53 label \"leakguard 0123456789ab ok-udp-53\"\n"
                + "block return out quick proto udp from any to any port 53 label \"leakguard 0123456789ab block-udp-53\"\n";
        pf.loaded = older;
        Files.createDirectories(root.resolve("etc/leakguard"));
        Files.writeString(root.resolve("etc/leakguard/pf.anchor"), "# a boot file that no longer matches pf\n");
        String rulesBefore = String.join("\n", PfOutput.rules(PfObserve.anchorRules(host)));
        var tablesBefore = PfObserve.tables(host);
        LoadAnchor load = (LoadAnchor) control.plan(spec, control.observe(spec, host)).changes().get(0);

        BeforeImage image = load.capture(host);
        load.apply(host);
        assertThat(pf.tables().get(PfRuleset.DOH)).isNotEmpty();
        load.undo(host, image);

        assertThat(String.join("\n", PfOutput.rules(PfObserve.anchorRules(host)))).isEqualTo(rulesBefore)
                .contains("port = 53 keep state label \"leakguard 0123456789ab ok-udp-53\"");
        assertThat(PfObserve.tables(host)).isEqualTo(tablesBefore).containsOnlyKeys(PfRuleset.OK);
        assertThat(load.isAt(host, image)).isTrue();
    }

    @Test
    void theTokenIsInTheJournalSoRollbackReleasesItEvenWithoutTheTokenFile() throws Exception {
        Host host = host();
        List<Change> changes = control.plan(spec, control.observe(spec, host)).changes();
        List<BeforeImage> images = new ArrayList<>();
        for (Change c : changes) {
            images.add(c.capture(host));
            c.apply(host);
        }
        int keep = changes.stream().map(Change::target).toList().indexOf("pf enable token");
        assertThat(images.get(keep)).isEqualTo(new PfToken(OURS));
        Files.delete(root.resolve("var/db/leakguard/pf.token"));

        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(host, images.get(i));
        }

        assertThat(pf.released).containsExactly(List.of("pfctl", "-X", OURS));
        assertThat(pf.references).isEmpty();
    }

    @Test
    void removingTheFirewallReleasesOurReferenceAndTheBootOne() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        pf.heldBy(VPN).accept("42");
        pf.references.put("42", 3L);
        Files.createDirectories(root.resolve("var/log"));
        Files.writeString(root.resolve("var/log/leakguard-pf.log"), FakePf.ALTQ + "pf enabled\nToken : 42\n");
        Spec off = new Spec(spec.resolvers(), null, null, new org.leakguard.agent.policy.Firewall(null, null, null, null), null, null);

        List<Change> removal = control.plan(off, control.observe(off, host)).changes();
        for (Change c : removal) {
            c.apply(host);
        }

        assertThat(pf.released).containsExactlyInAnyOrder(List.of("pfctl", "-X", OURS), List.of("pfctl", "-X", "42"));
        assertThat(pf.references).containsOnlyKeys(VPN);
        assertThat(pf.exists()).isFalse();
        assertThat(control.plan(off, control.observe(off, host)).changes()).isEmpty();

        ReleasePf release = (ReleasePf) removal.stream().filter(c -> c instanceof ReleasePf).findFirst().orElseThrow();
        release.undo(host, release.capture(host));
        assertThat(pf.references).as("undo takes one reference back").containsOnlyKeys(VPN, OURS);
        assertThat(release.isAt(host, new BeforeImage.Nothing())).isTrue();
    }

    @Test
    void dnsOverQuicOnUdp853IsBlockedExceptToThePinnedServers() {
        PfRuleset rules = PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow();

        assertThat(rules.text()).contains("pass out quick proto udp from any to <leakguard_dns_ok> port 853",
                "block return out quick proto udp from any to any port 853", "pass out quick on lo0 proto udp from any to any port 853");
        assertThat(rules.text().indexOf("to <leakguard_dns_ok> port 853")).isLessThan(rules.text().indexOf("block return out quick proto udp from any to any port 853"));
    }

    @Test
    void withDotPort53StaysOpenToThePinnedServersUntilTheProfileIsInstalled() throws Exception {
        Spec dot = new Spec(Specs.resolvers(List.of(), org.leakguard.agent.policy.Encryption.DOT, "203.0.113.53"), null, null,
                spec.firewall(), null, null);
        String[] installed = {Captures.text("profiles-list--other-profiles.txt")};
        commands.on(List.of("profiles", "list"), c -> new org.leakguard.agent.host.CommandResult(0, installed[0], ""));

        Assessment without = control.plan(dot, control.observe(dot, host()));

        String text = ((LoadAnchor) without.changes().get(0)).ruleset();
        assertThat(text).contains("pass out quick proto udp from any to <leakguard_dns_ok> port 53",
                "pass out quick proto tcp from any to <leakguard_dns_ok> port 853");
        assertThat(without.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("profile", "not installed", "port 53 to them stays open"));

        String id = MobileConfig.of(dot).orElseThrow().identifier();
        installed[0] += "_computerlevel[1] attribute: profileIdentifier: " + id + "\n";
        Assessment with = control.plan(dot, control.observe(dot, host()));

        assertThat(((LoadAnchor) with.changes().get(0)).ruleset()).doesNotContain("to <leakguard_dns_ok> port 53 ")
                .contains("to <leakguard_dns_ok> port 853");
    }

    @Test
    void ddrIsClosedByTheRulesOrReportedOpen() throws Exception {
        Assessment closed = control.plan(spec, control.observe(spec, host()));
        assertThat(closed.findings()).filteredOn(f -> f.severity() == Finding.Severity.INFO).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("RFC 9462", "_dns.resolver.arpa", "853"));

        Spec dohOnly = new Spec(spec.resolvers(), null, null, new org.leakguard.agent.policy.Firewall(null, null,
                org.leakguard.agent.policy.DohRule.BLOCK, List.of()), null, null);
        Assessment open = control.plan(dohOnly, control.observe(dohOnly, host()));
        assertThat(open.findings()).filteredOn(f -> f.severity() == Finding.Severity.WARNING).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("RFC 9462", "open"));
    }

    @Test
    void aTamperedAnchorIsReloaded() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        pf.loaded = pf.loaded.replace("block return out quick proto udp from any to any port 53", "pass out quick proto udp from any to any port 53");
        pf.loaded = pf.loaded.replace("192.0.2.44 ", "");

        Assessment a = control.plan(spec, control.observe(spec, host));

        assertThat(a.changes()).extracting(Change::target).containsExactly("pf anchor com.apple/250.leakguard", "pf states");
        assertThat(a.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("table <leakguard_doh> differs: missing [192.0.2.44]"));
    }

    @Test
    void aMainRulesetWithoutApplesAnchorIsReportedNeverEdited() throws Exception {
        pf.mainRules = Captures.text("pfctl-s-rules--replaced-by-killswitch.txt");
        Files.writeString(root.resolve("etc/pf.conf"), "block drop all\n");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("main ruleset has no anchor \"com.apple/*\""))
                .anySatisfy(m -> assertThat(m).contains("/etc/pf.conf has no line anchor \"com.apple/*\"", "does not edit"));
        assertThat(a.changes()).extracting(Change::target).doesNotContain("/etc/pf.conf");
    }

    @Test
    void pfThatCannotBeReadIsUnknown() throws Exception {
        ScriptedCommands denied = new ScriptedCommands()
                .fail(1, FakePf.ALTQ + "pfctl: /dev/pf: Permission denied\n", "pfctl", "-a", "com.apple/250.leakguard", "-s", "rules");

        Assessment a = control.plan(spec, control.observe(spec, MacHosts.online(root, denied)));

        assertThat(a.status()).isEqualTo(Status.UNKNOWN);
        assertThat(a.findings().get(0).message()).contains("Permission denied", "root");
    }

    @Test
    void aSectionThatBlocksNothingRemovesOurAnchorAndFiles() throws Exception {
        Host host = host();
        for (Change c : control.plan(spec, control.observe(spec, host)).changes()) {
            c.apply(host);
        }
        Spec off = new Spec(spec.resolvers(), null, null, new org.leakguard.agent.policy.Firewall(null, null, null, null), null, null);

        Assessment a = control.plan(off, control.observe(off, host));

        assertThat(a.changes()).extracting(Change::summary).containsExactly(
                "flush pf anchor com.apple/250.leakguard: the firewall section blocks nothing",
                "release pf enable references " + OURS + " (pfctl -X): no leakguard rule is left for pf to enforce",
                "delete /Library/LaunchDaemons/org.leakguard.pf.plist: the firewall section blocks nothing",
                "delete /etc/leakguard/pf.anchor: the firewall section blocks nothing");
    }
}
