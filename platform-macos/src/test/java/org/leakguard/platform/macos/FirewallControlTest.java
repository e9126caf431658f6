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
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, new ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));
    }

    Host host() {
        return MacHosts.online(root, commands);
    }

    @Test
    void rulesetAndLaunchDaemonAreGolden() {
        PfRuleset rules = PfRules.wanted(spec, new ArrayList<>()).orElseThrow();
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
                "pf enable reference", "pf states", "/etc/leakguard/pf.anchor", "/Library/LaunchDaemons/org.leakguard.pf.plist");
        assertThat(((LoadAnchor) a.changes().get(0)).ruleset()).isEqualTo(Captures.text("pf-standard.golden.conf"));
        assertThat(((KillStates) a.changes().get(2)).addresses()).contains("198.51.100.1", "198.51.100.10", "192.0.2.44")
                .doesNotContain("203.0.113.53", "9.9.9.9");
        assertThat(((WriteFile) a.changes().get(4)).text()).isEqualTo(Captures.text("launchdaemon.golden.plist"));
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
        assertThat(pf.loaded).isBlank();
        assertThat(root.resolve("var/db/leakguard/pf.token")).doesNotExist();
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
    void undoWithATokenARebootDroppedOnlyForgetsIt() throws Exception {
        Host host = host();
        EnablePf enable = new EnablePf(LaunchDaemon.TOKEN, "test");
        enable.apply(host);
        pf.references.clear();

        enable.undo(host, new BeforeImage.Nothing());

        assertThat(pf.released).isEmpty();
        assertThat(root.resolve("var/db/leakguard/pf.token")).doesNotExist();
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
                "delete /Library/LaunchDaemons/org.leakguard.pf.plist: the firewall section blocks nothing",
                "delete /etc/leakguard/pf.anchor: the firewall section blocks nothing");
    }
}
