package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;

/** What the anchor lets through and blocks: DNS over QUIC, DoT before and after its profile, DDR. */
class PfRulesTest extends PfFixture {
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
}
