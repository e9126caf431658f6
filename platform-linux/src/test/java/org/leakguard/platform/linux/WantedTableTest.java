package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

class WantedTableTest {
    /** The digest of {@link Specs#standardFirewall()}'s table, as in the golden file and the nft fixtures. */
    static final String STANDARD_DIGEST = "70fb2aa8c34870da";

    private static WantedTable standard() {
        return FirewallRules.wanted(Specs.standardFirewall(), new ArrayList<>()).orElseThrow().nft();
    }

    @Test
    void definitionMatchesTheGoldenFile() {
        assertThat(standard().definition()).isEqualTo(Fixtures.text("nft/leakguard-standard.golden.nft"));
        assertThat(standard().script()).startsWith("table inet leakguard {}\ndelete table inet leakguard\ntable inet leakguard {\n");
    }

    @Test
    void blockedTrafficIsRejectedNeverDropped() {
        String text = standard().definition();
        assertThat(text).doesNotContain(" drop ")
                .contains("udp dport 53 reject with icmpx type port-unreachable comment \"lg:dns-udp-reject\"")
                .contains("tcp dport 53 reject with tcp reset comment \"lg:dns-tcp-reset\"")
                .contains("tcp dport 853 reject with tcp reset comment \"lg:dot-tcp-reset\"")
                .contains("meta l4proto { tcp, udp } th dport 853 ip daddr @dns_ok4 accept comment \"lg:dot-ok4\"")
                .contains("udp dport 853 reject with icmpx type port-unreachable comment \"lg:doq-udp-reject\"")
                .contains("udp dport 443 ip6 daddr @doh6 reject with icmpx type port-unreachable");
    }

    @Test
    void inputOrderAndDuplicatesDoNotChangeTheText() {
        WantedTable shuffled = FirewallRules.wanted(Specs.firewall(Specs.blockAll("2001:db8:d0::44", "192.0.2.44", "192.0.2.44"),
                "9.9.9.9", "2001:db8::53", "203.0.113.53", "198.51.100.53", "203.0.113.53"), new ArrayList<>()).orElseThrow().nft();
        assertThat(shuffled.definition()).isEqualTo(standard().definition());
    }

    @Test
    void digestFollowsTheDefinition() {
        WantedTable other = FirewallRules.wanted(Specs.firewall(Specs.blockAll(), "198.51.100.53"), new ArrayList<>())
                .orElseThrow().nft();
        assertThat(other.digest()).hasSize(16).isNotEqualTo(standard().digest());
        assertThat(standard().digest()).isEqualTo(WantedTableTest.STANDARD_DIGEST);
    }

    @Test
    void pinnedResolverOnTheDohListStaysOutOfTheDohSet() {
        List<Finding> findings = new ArrayList<>();
        WantedTable t = FirewallRules.wanted(Specs.standardFirewall(), findings).orElseThrow().nft();
        assertThat(t.sets().get("doh4")).doesNotContain(Specs.ip("9.9.9.9")).contains(Specs.ip("9.9.9.10"), Specs.ip("192.0.2.44"));
        assertThat(t.sets().get("doh6")).contains(Specs.ip("2001:db8:d0::44"), Specs.ip("2606:4700:4700::1111"));
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith("9.9.9.9 is a pinned resolver"));
    }

    @Test
    void onlyTheAskedRulesAreWritten() {
        Firewall dohOnly = new Firewall(PortRule.OFF, PortRule.OFF, DohRule.BLOCK, List.of());
        assertThat(FirewallRules.rules(dohOnly, true, true)).extracting(FirewallRule::id)
                .containsExactly("doh4-tcp-reset", "doh4-udp-reject", "doh6-tcp-reset", "doh6-udp-reject");
        Firewall plain = new Firewall(PortRule.BLOCK_OTHERS, PortRule.OFF, DohRule.OFF, List.of());
        assertThat(FirewallRules.rules(plain, true, true)).extracting(FirewallRule::id)
                .containsExactly("loopback", "dns-ok4", "dns-ok6", "dns-udp-reject", "dns-tcp-reset");
        assertThat(FirewallRules.rules(plain, true, false)).extracting(FirewallRule::id)
                .containsExactly("dns-ok4", "dns-ok6", "dns-udp-reject", "dns-tcp-reset");
        Firewall none = new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of());
        assertThat(FirewallRules.wanted(Specs.firewall(none, "192.0.2.53"), new ArrayList<>())).isEmpty();
    }

    @Test
    void withDotPlainDnsIsClosedToThePinnedServersAndDotStaysOpen() {
        Resolvers dot = new Resolvers(Specs.ips("203.0.113.53"), List.of(), null, true, Encryption.DOT, "dns.corp.example", null);
        List<Finding> findings = new ArrayList<>();
        FirewallWanted w = FirewallRules.wanted(new Spec(dot, null, null, Specs.blockAll(), null, null), findings).orElseThrow();
        assertThat(w.output()).extracting(FirewallRule::id).doesNotContain("dns-ok4", "dns-ok6")
                .contains("loopback", "dns-udp-reject", "dot-ok4", "dot-tcp-reset");
        assertThat(w.sets().get("dns_ok4")).containsExactly(Specs.ip("203.0.113.53"));
        assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("encryption is dot"));
    }

    @Test
    void noPinnedServersWarnsThatAllDnsIsRejected() {
        List<Finding> findings = new ArrayList<>();
        FirewallRules.wanted(Specs.firewall(Specs.blockAll()), findings);
        assertThat(findings).anySatisfy(f -> assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING));
    }
}
