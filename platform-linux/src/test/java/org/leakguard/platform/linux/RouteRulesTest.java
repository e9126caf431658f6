package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.spi.Finding;

/** The second layer's rules from the policy, and leakguard's rules read back from real ip output. */
class RouteRulesTest {

    private static FirewallWanted want(Firewall fw, String... servers) {
        return FirewallRules.wanted(Specs.firewall(fw, servers), new ArrayList<>()).orElseThrow();
    }

    @Test
    void dnsPortsAreProhibitedButToThePinnedResolversPerFamily() {
        List<RouteRule> rules = RouteRules.wanted(want(Specs.blockAll(), "203.0.113.53", "2001:db8::53"));

        assertThat(rules).extracting(RouteRule::toString).containsExactly(
                "-4 pref 100 to 203.0.113.53 ipproto udp dport 53 goto 102 protocol 176",
                "-4 pref 100 to 203.0.113.53 ipproto udp dport 853 goto 102 protocol 176",
                "-4 pref 100 to 203.0.113.53 ipproto tcp dport 53 goto 102 protocol 176",
                "-4 pref 100 to 203.0.113.53 ipproto tcp dport 853 goto 102 protocol 176",
                "-4 pref 101 ipproto udp dport 53 prohibit protocol 176",
                "-4 pref 101 ipproto udp dport 853 prohibit protocol 176",
                "-4 pref 101 ipproto tcp dport 53 prohibit protocol 176",
                "-4 pref 101 ipproto tcp dport 853 prohibit protocol 176",
                "-4 pref 102 nop protocol 176",
                "-6 pref 100 to 2001:db8::53 ipproto udp dport 53 goto 102 protocol 176",
                "-6 pref 100 to 2001:db8::53 ipproto udp dport 853 goto 102 protocol 176",
                "-6 pref 100 to 2001:db8::53 ipproto tcp dport 53 goto 102 protocol 176",
                "-6 pref 100 to 2001:db8::53 ipproto tcp dport 853 goto 102 protocol 176",
                "-6 pref 101 ipproto udp dport 53 prohibit protocol 176",
                "-6 pref 101 ipproto udp dport 853 prohibit protocol 176",
                "-6 pref 101 ipproto tcp dport 53 prohibit protocol 176",
                "-6 pref 101 ipproto tcp dport 853 prohibit protocol 176",
                "-6 pref 102 nop protocol 176");
    }

    @Test
    void onlyTheBlockedPortsGetRulesAndDohAloneGetsNone() {
        Firewall plainOnly = new Firewall(PortRule.BLOCK_OTHERS, PortRule.OFF, DohRule.OFF, List.of());
        assertThat(RouteRules.wanted(want(plainOnly, "192.0.2.53"))).extracting(RouteRule::dport).containsOnly(53, 0);
        Firewall dohOnly = new Firewall(PortRule.OFF, PortRule.OFF, DohRule.BLOCK, List.of());
        assertThat(RouteRules.wanted(want(dohOnly, "192.0.2.53"))).isEmpty();
    }

    @Test
    void onlyLeakguardsRulesAreReadBackInKernelOrder() throws Exception {
        List<RouteRule> v4 = RouteRules.parse(Fixtures.text("ip/rules-v4-iproute2-6.1.json"), false);
        List<RouteRule> v6 = RouteRules.parse(Fixtures.text("ip/rules-v6-iproute2-6.1.json"), true);

        assertThat(v4).extracting(RouteRule::toString).containsExactly(
                "-4 pref 100 to 203.0.113.53 ipproto udp dport 53 goto 102 protocol 176",
                "-4 pref 100 to 203.0.113.53 ipproto tcp dport 853 goto 102 protocol 176",
                "-4 pref 101 ipproto udp dport 53 prohibit protocol 176",
                "-4 pref 102 nop protocol 176");
        assertThat(v6).extracting(RouteRule::toString).containsExactly(
                "-6 pref 100 to 2001:db8::53 ipproto udp dport 53 goto 102 protocol 176",
                "-6 pref 101 ipproto tcp dport 853 prohibit protocol 176",
                "-6 pref 102 nop protocol 176");
    }

    @Test
    void aBatchDeletesWhatIsThereThenAddsWhatIsWanted() throws Exception {
        List<RouteRule> now = RouteRules.parse(Fixtures.text("ip/rules-v6-iproute2-6.1.json"), true);
        List<RouteRule> want = RouteRules.family(RouteRules.wanted(want(Specs.blockAll(), "2001:db8::53")), true);

        String batch = RouteRules.batch(now, want);

        assertThat(batch).startsWith("rule del pref 100 to 2001:db8::53 ipproto udp dport 53 goto 102 protocol 176\n"
                + "rule del pref 101 ipproto tcp dport 853 prohibit protocol 176\nrule del pref 102 nop protocol 176\n"
                + "rule add pref 100 to 2001:db8::53 ipproto udp dport 53 goto 102 protocol 176\n")
                .endsWith("rule add pref 102 nop protocol 176\n");
    }

    @Test
    void anUnusableLayerIsAFindingNeverAChangeNorUnknown() {
        List<Finding> findings = new ArrayList<>();
        List<Change> changes = RouteRules.plan(Optional.of(want(Specs.blockAll(), "192.0.2.53")),
                RouteRulesSeen.unavailable("policy-routing rules match protocol and port from Linux 4.17; this kernel is 4.9.0"),
                findings);

        assertThat(changes).isEmpty();
        assertThat(findings).extracting(Finding::message).singleElement().asString().contains("no second layer", "4.9.0");
        assertThat(FirewallObserve.kernelMatchesPorts("4.17.0")).isTrue();
        assertThat(FirewallObserve.kernelMatchesPorts("6.1.0-18-amd64")).isTrue();
        assertThat(FirewallObserve.kernelMatchesPorts("4.9.0-19-amd64")).isFalse();
        assertThat(FirewallObserve.kernelMatchesPorts("3.10.0-1160.el7.x86_64")).isFalse();
    }

    @Test
    void theChangeAndItsImageRoundTripThroughTheJournalMapper() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper journal = new com.fasterxml.jackson.databind.ObjectMapper();
        journal.registerSubtypes(new LinuxPlatform().journalTypes().toArray(Class<?>[]::new));
        SetRouteRules c = new SetRouteRules(RouteRules.wanted(want(Specs.blockAll(), "192.0.2.53", "2001:db8::53")), "why");
        RouteRulesImage image = new RouteRulesImage(RouteRules.parse(Fixtures.text("ip/rules-v4-iproute2-6.1.json"), false));

        String text = journal.writerFor(Change.class).writeValueAsString(c);
        assertThat(journal.readValue(text, Change.class)).isEqualTo(c);
        String imageText = journal.writerFor(org.leakguard.agent.change.BeforeImage.class).writeValueAsString(image);
        assertThat(journal.readValue(imageText, org.leakguard.agent.change.BeforeImage.class)).isEqualTo(image);
    }

    @Test
    void withoutAnIpv6RuleListOnlyIpv4RulesAreWanted() {
        List<Finding> findings = new ArrayList<>();
        List<Change> changes = RouteRules.plan(Optional.of(want(Specs.blockAll(), "192.0.2.53", "2001:db8::53")),
                new RouteRulesSeen(List.of(), false, null), findings);

        assertThat(changes).singleElement().isInstanceOfSatisfying(SetRouteRules.class,
                c -> assertThat(c.rules()).noneMatch(RouteRule::v6).isNotEmpty());
    }
}
