package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Status;

/** The firewall control on a stock Mac: its ruleset and boot files, the order of its changes, undo and removal. */
class FirewallControlTest extends PfFixture {
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
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-t", "leakguard_dns_routes", "-T", "show"),
                List.of("pfctl", "-a", "com.apple/250.leakguard", "-t", "leakguard_doh", "-T", "show"),
                List.of("pfctl", "-s", "References"),
                List.of("pfctl", "-s", "rules"),
                List.of("scutil", "--dns"));
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

    /** What {@code agent plan} shows: the complete anchor text pfctl loads, and whether it replaces rules. */
    @Test
    void thePlanShowsTheAnchorTextInFull() throws Exception {
        String wanted = PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow().text();
        Change load = control.plan(spec, control.observe(spec, host())).changes().get(0);
        assertThat(load.preview(host()).orElseThrow().render(load.target())).isEqualTo("not loaded now; loads:\n" + wanted);
        assertThat(pf.loaded).as("a preview loads nothing").isEmpty();

        for (Change c : control.plan(spec, control.observe(spec, host())).changes()) {
            c.apply(host());
        }
        pf.loaded = pf.loaded.replace("192.0.2.44 ", "");
        Change repair = control.plan(spec, control.observe(spec, host())).changes().get(0);
        assertThat(repair.preview(host()).orElseThrow().render(repair.target())).isEqualTo("replaces what is loaded now with:\n" + wanted);
    }
}
