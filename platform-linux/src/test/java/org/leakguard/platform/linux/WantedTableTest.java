package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.spi.Finding;

class WantedTableTest {

    private static WantedTable standard() {
        return FirewallRules.wanted(Specs.standardFirewall(), new ArrayList<>()).orElseThrow();
    }

    @Test
    void definitionMatchesTheGoldenFile() {
        assertThat(standard().definition()).isEqualTo(Fixtures.text("nft/leakguard-standard.golden.nft"));
        assertThat(standard().script()).startsWith("table inet leakguard {}\ndelete table inet leakguard\ntable inet leakguard {\n");
    }

    @Test
    void inputOrderAndDuplicatesDoNotChangeTheText() {
        WantedTable shuffled = FirewallRules.wanted(Specs.firewall(Specs.blockAll("2001:db8:d0::44", "192.0.2.44", "192.0.2.44"),
                "9.9.9.9", "2001:db8::53", "203.0.113.53", "198.51.100.53", "203.0.113.53"), new ArrayList<>()).orElseThrow();
        assertThat(shuffled.definition()).isEqualTo(standard().definition());
    }

    @Test
    void digestFollowsTheDefinition() {
        WantedTable other = FirewallRules.wanted(Specs.firewall(Specs.blockAll(), "198.51.100.53"), new ArrayList<>())
                .orElseThrow();
        assertThat(other.digest()).hasSize(16).isNotEqualTo(standard().digest());
        assertThat(standard().digest()).isEqualTo("86146e9780773179");
    }

    @Test
    void pinnedResolverOnTheDohListStaysOutOfTheDohSet() {
        List<Finding> findings = new ArrayList<>();
        WantedTable t = FirewallRules.wanted(Specs.standardFirewall(), findings).orElseThrow();
        assertThat(t.sets().get("doh4")).doesNotContain(Specs.ip("9.9.9.9")).contains(Specs.ip("9.9.9.10"), Specs.ip("192.0.2.44"));
        assertThat(t.sets().get("doh6")).contains(Specs.ip("2001:db8:d0::44"), Specs.ip("2606:4700:4700::1111"));
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("9.9.9.9 is a pinned resolver"));
    }

    @Test
    void onlyTheAskedRulesAreWritten() {
        Firewall dohOnly = new Firewall(PortRule.OFF, PortRule.OFF, DohRule.BLOCK, List.of());
        assertThat(FirewallRules.rules(dohOnly, true)).extracting(NftRule::id).containsExactly("doh4-drop", "doh6-drop");
        Firewall plain = new Firewall(PortRule.BLOCK_OTHERS, PortRule.OFF, DohRule.OFF, List.of());
        assertThat(FirewallRules.rules(plain, true)).extracting(NftRule::id)
                .containsExactly("loopback", "dns-ok4", "dns-ok6", "dns-drop");
        assertThat(FirewallRules.rules(plain, false)).extracting(NftRule::id).containsExactly("dns-ok4", "dns-ok6", "dns-drop");
        Firewall none = new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of());
        assertThat(FirewallRules.wanted(Specs.firewall(none, "192.0.2.53"), new ArrayList<>())).isEmpty();
    }

    @Test
    void noPinnedServersWarnsThatAllDnsIsDropped() {
        List<Finding> findings = new ArrayList<>();
        FirewallRules.wanted(Specs.firewall(Specs.blockAll()), findings);
        assertThat(findings).anySatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING));
    }
}
