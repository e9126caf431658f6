package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** How the firewall control reads pf: a missing anchor, a tampered one, a main ruleset without Apple's anchor, pf it may not read. */
class PfReadTest extends PfFixture {
    /**
     * pfctl -a ANCHOR -s rules on an anchor pf does not have. Only the stderr line is captured, and
     * from another failure (a wildcard-anchor listing, no exit code); the exit code is pf's source's
     * (see the test resources' README), and RealMacTest checks both on a real Mac.
     */
    @Test
    void aMissingAnchorReadsAsAbsentNotUnknown() throws Exception {
        String said = Captures.captured("pfctl-a-sr--apple-wildcard-anchor-diocgetrules-error.txt").lines()
                .filter(l -> l.startsWith("pfctl:")).findFirst().orElseThrow();
        assertThat(FakePf.NO_ANCHOR.strip()).as("the stderr line of the wildcard-anchor capture").isEqualTo(said);

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).first().isInstanceOf(LoadAnchor.class);
        assertThat(a.findings()).extracting(Finding::message).contains("anchor com.apple/250.leakguard has no rules loaded");
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
}
