package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Fallback;
import org.leakguard.agent.policy.Resolvers;

class ResolvedDropInTest {

    @Test
    void plainPinClearsEveryListBeforeSettingIt() {
        Resolvers r = Specs.resolvers(List.of("corp.example"), true, "203.0.113.53", "2001:db8::53");
        assertThat(ResolvedDropIn.render(r)).isEqualTo(ResolvedDropIn.MARKER + "\n"
                + "[Resolve]\n"
                + "DNS=\n"
                + "DNS=203.0.113.53 2001:db8::53\n"
                + "Domains=\n"
                + "Domains=~. corp.example\n"
                + "FallbackDNS=\n"
                + "LLMNR=no\n"
                + "MulticastDNS=no\n");
    }

    @Test
    void dotNamesTheCertificateAndIsStrict() {
        Resolvers r = new Resolvers(Specs.ips("203.0.113.53", "2001:db8::53"), List.of(), Fallback.DENY, true,
                Encryption.DOT, "dns.corp.example", null);
        assertThat(ResolvedDropIn.render(r))
                .contains("DNS=203.0.113.53#dns.corp.example 2001:db8::53#dns.corp.example\n")
                .contains("DNSOverTLS=yes\n")
                .contains("Domains=~.\n");
    }

    @Test
    void aPolicyWithoutSearchDomainsAddsRoutingToTheHostsDomainsInsteadOfClearingThem() {
        String text = ResolvedDropIn.render(Specs.resolvers(List.of(), true, "203.0.113.53"));
        assertThat(text).contains("DNS=\nDNS=203.0.113.53\n").contains("Domains=~.\n").doesNotContain("Domains=\n");
    }

    @Test
    void allowedFallbackIsLeftAlone() {
        Resolvers r = new Resolvers(Specs.ips("203.0.113.53"), List.of(), Fallback.ALLOW, true, null, null, null);
        assertThat(ResolvedDropIn.render(r)).doesNotContain("FallbackDNS").doesNotContain("DNSOverTLS");
    }

    @Test
    void readsOnlyTheResolveSectionAndTheLastAssignment() {
        String text = "[Match]\nDNS=192.0.2.1\n[Resolve]\n# DNS=192.0.2.2\nDNS=\nDNS = 192.0.2.3\nLLMNR=yes\n";
        assertThat(ResolvedDropIn.parseResolveKeys(text)).containsExactly(
                java.util.Map.entry("DNS", "192.0.2.3"), java.util.Map.entry("LLMNR", "yes"));
    }

    @Test
    void aListKeysAssignmentsAddUpAndAnEmptyOneClears() {
        String text = "[Resolve]\nDNS=192.0.2.1\nDNS=192.0.2.2 192.0.2.3\nDomains=lan\nDomains=\nDomains=corp.example\n"
                + "LLMNR=yes\nLLMNR=no\n";
        assertThat(ResolvedDropIn.parseResolveKeys(text)).containsExactly(java.util.Map.entry("DNS", "192.0.2.1 192.0.2.2 192.0.2.3"),
                java.util.Map.entry("Domains", "corp.example"), java.util.Map.entry("LLMNR", "no"));
    }

    /** The later drop-in behind busctl-252-manager-overridden.json: resolved held [198.51.100.53, 192.0.2.9] with it. */
    @Test
    void aLaterDropInWhoseLastAssignmentIsOursStillOverridesWhenAnEarlierOneAddsAServer() {
        var ours = ResolvedDropIn.keys(Specs.resolvers(List.of("corp.example"), false, "198.51.100.53"));
        assertThat(ResolvedDropIn.overrides(ours, "[Resolve]\nDNS=192.0.2.9\nDNS=198.51.100.53\n"))
                .containsExactly("DNS=192.0.2.9 198.51.100.53");
        assertThat(ResolvedDropIn.overrides(ours, "[Resolve]\nDNS=192.0.2.9\nDNS=\nDNS=198.51.100.53\n")).isEmpty();
    }

    @Test
    void theFileListsEachServerAndDomainOnceAndNoStubAddress() {
        String text = ResolvedDropIn.render(ResolvedInEffectTest.LOOPBACK);
        assertThat(text).contains("DNS=\nDNS=127.0.0.1 198.51.100.53 ::1\n").contains("Domains=\nDomains=~. corp.example\n");
    }

    @Test
    void aLaterDropInThatAddsServersOrTurnsLlmnrOnOverrides() {
        Resolvers r = Specs.resolvers(List.of(), true, "203.0.113.53");
        var ours = ResolvedDropIn.keys(r);
        assertThat(ResolvedDropIn.overrides(ours, "[Resolve]\nDNS=198.51.100.53\nLLMNR=yes\nCache=no\n"))
                .containsExactly("DNS=198.51.100.53", "LLMNR=yes");
        assertThat(ResolvedDropIn.overrides(ours, "[Resolve]\nDNSSEC=allow-downgrade\n")).isEmpty();
        assertThat(ResolvedDropIn.overrides(ours, ResolvedDropIn.render(r))).isEmpty();
    }
}
