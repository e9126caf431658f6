package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.Portal;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Finding;

/** Route servers, exceptions by program identity and the portal window, as nft text, iptables lines and routing rules. */
class FirewallOpeningsTest {
    private static final String SLICE = "system.slice/system-openvpn\\x2dclient.slice/openvpn-client@corp.service";
    private static final HostIdentities HOST = new HostIdentities(Map.of("vpnclient", 997L, "root", 0L), true, Set.of(SLICE));

    static Spec spec(Encryption encryption, List<Exemption> exceptions, Portal portal) {
        Resolvers r = new Resolvers(Specs.ips("192.0.2.10"), List.of(), null, true, encryption, null, null,
                List.of(new Route(List.of("corp.example"), Specs.ips("203.0.113.53", "2001:db8:c::53"))));
        Firewall fw = new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.OFF, List.of(), exceptions, portal);
        return new Spec(r, null, null, fw, null, null);
    }

    private static FirewallWanted wanted(Spec spec, HostIdentities host, List<Finding> findings) {
        return FirewallRules.wanted(spec, host, findings).orElseThrow();
    }

    @Test
    void routeServersAreOpenOn53And853AndNothingElseIs() {
        FirewallWanted w = wanted(spec(null, List.of(), null), HOST, new ArrayList<>());
        assertThat(w.sets().get(FirewallRules.ROUTE4)).extracting(Addresses::text).containsExactly("203.0.113.53");
        assertThat(w.sets().get(FirewallRules.ROUTE6)).extracting(Addresses::text).containsExactly("2001:db8:c::53");
        assertThat(w.output()).extracting(FirewallRule::id).containsExactly("loopback", "dns-ok4", "dns-ok6", "route-ok4",
                "route-ok6", "dns-udp-reject", "dns-tcp-reset", "dot-ok4", "dot-ok6", "route-dot-ok4", "route-dot-ok6",
                "dot-tcp-reset", "doq-udp-reject");
        assertThat(w.forward()).extracting(FirewallRule::id).contains("route-ok4", "route-dot-ok6");
        String text = w.nft().definition();
        assertThat(text).contains("meta l4proto { tcp, udp } th dport 53 ip daddr @dns_route4 accept comment \"lg:route-ok4\"")
                .contains("meta l4proto { tcp, udp } th dport 853 ip6 daddr @dns_route6 accept comment \"lg:route-dot-ok6\"");
        List<RouteRule> layer = RouteRules.wanted(w);
        assertThat(layer).filteredOn(r -> r.pref() == RouteRules.ALLOW).extracting(RouteRule::to).containsOnly("192.0.2.10",
                "203.0.113.53", "2001:db8:c::53");
    }

    @Test
    void aRouteServerOnTheDohListStaysOutOfTheDohSetAsAPinnedOneDoes() {
        Resolvers r = new Resolvers(Specs.ips("192.0.2.10"), List.of(), null, true, null, null, null,
                List.of(new Route(List.of("corp.example"), Specs.ips("192.0.2.44"))));
        Firewall fw = new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK, Specs.ips("192.0.2.44", "192.0.2.45"));
        List<Finding> findings = new ArrayList<>();
        FirewallWanted w = wanted(new Spec(r, null, null, fw, null, null), HOST, findings);
        assertThat(w.sets().get(FirewallRules.DOH4)).extracting(Addresses::text).contains("192.0.2.45").doesNotContain("192.0.2.44");
        assertThat(findings).anySatisfy(f -> assertThat(f.message()).startsWith("192.0.2.44 is a route's server and on the DoH"));
    }

    @Test
    void underDnsOverTlsRoutedNamesKeepPlainDnsToTheirServersOnly() {
        FirewallWanted w = wanted(spec(Encryption.DOT, List.of(), null), HOST, new ArrayList<>());
        assertThat(w.output()).extracting(FirewallRule::id).contains("route-ok4").doesNotContain("dns-ok4");
    }

    @Test
    void aPolicyWithoutRoutesKeepsTheTableItHadBefore() {
        Spec plain = Specs.standardFirewall();
        assertThat(FirewallRules.wanted(plain, HOST, new ArrayList<>()).orElseThrow().nft().digest())
                .isEqualTo(WantedTableTest.STANDARD_DIGEST);
    }

    @Test
    void exceptionsMatchTheIdentityOnDnsPortsToAnyAddressAndAreListed() {
        List<Finding> findings = new ArrayList<>();
        FirewallWanted w = wanted(spec(null, List.of(Exemption.user("vpnclient"), Exemption.cgroup(SLICE),
                Exemption.program("C:\\Program Files\\OpenVPN\\bin\\openvpn.exe")), null), HOST, findings);
        String text = w.nft().definition();
        assertThat(text).contains("meta skuid 997 meta l4proto { tcp, udp } th dport 53 accept comment \"lg:except-uid-997-53\"")
                .contains("meta skuid 997 meta l4proto { tcp, udp } th dport 853 accept comment \"lg:except-uid-997-853\"")
                .contains("socket cgroupv2 level 3 \"" + SLICE + "\" meta l4proto { tcp, udp } th dport 53 accept");
        assertThat(w.forward()).noneMatch(r -> r.owner() != null);
        assertThat(findings).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("exception in force: user vpnclient (uid 997)"))
                .anySatisfy(m -> assertThat(m).startsWith("exception in force: cgroup " + SLICE))
                .anySatisfy(m -> assertThat(m).contains("exceptions[2].program").contains("not applicable on Linux"));
        List<String> v4 = IptablesScript.chains(w, IptablesFamily.V4).rules().get(IptablesChains.OUT);
        assertThat(v4).contains("-m owner --uid-owner 997 -p udp -m udp --dport 53 -m comment --comment"
                + " \"lg:except-uid-997-53\" -j RETURN");
        assertThat(v4).anySatisfy(l -> assertThat(l).startsWith("-m cgroup --path \"system.slice/system-openvpn\\\\x2dclient.slice/"));
    }

    @Test
    void aUserExceptionKeepsTheRoutingLayerAndLetsItsUidPast() {
        FirewallWanted w = wanted(spec(null, List.of(Exemption.user("vpnclient")), null), HOST, new ArrayList<>());
        List<RouteRule> layer = RouteRules.wanted(w);
        assertThat(layer).filteredOn(r -> r.uid() != null).extracting(RouteRule::toString)
                .contains("-4 pref 100 uidrange 997-997 ipproto udp dport 53 goto 102 protocol 176",
                        "-6 pref 100 uidrange 997-997 ipproto tcp dport 853 goto 102 protocol 176");
        assertThat(layer).anyMatch(r -> r.action().equals("prohibit"));
        assertThat(new RouteRule(false, 100, null, 997L, "udp", 53, "goto 102"))
                .isNotEqualTo(new RouteRule(false, 100, null, 998L, "udp", 53, "goto 102"))
                .isNotEqualTo(new RouteRule(false, 100, null, null, "udp", 53, "goto 102"));
    }

    @Test
    void aCgroupExceptionLeavesTheRoutingLayerOutAndSaysSo() {
        List<Finding> findings = new ArrayList<>();
        Spec spec = spec(null, List.of(Exemption.cgroup(SLICE)), null);
        FirewallWanted w = wanted(spec, HOST, findings);
        assertThat(RouteRules.wanted(w)).isEmpty();
        RouteRules.plan(java.util.Optional.of(w), new RouteRulesSeen(List.of(), true, null), findings);
        assertThat(findings).anySatisfy(f -> assertThat(f.message()).contains("policy-routing rules cannot tell a cgroup"));
        assertThat(w.forBoot().nft().definition()).doesNotContain("cgroupv2");
        // diagnose compares the loaded table with the boot file's: the cgroup rules alone are not a change.
        WantedTable boot = w.forBoot().nft();
        assertThat(TableCheck.differences(boot, loaded(w.nft()))).isNotEmpty();
        assertThat(DiagnosisFirewall.differences(boot, loaded(w.nft()))).isEmpty();
        WantedTable other = wanted(spec(null, List.of(Exemption.cgroup(SLICE), Exemption.user("vpnclient")), null), HOST,
                new ArrayList<>()).nft();
        assertThat(DiagnosisFirewall.differences(boot, loaded(other))).as("a user rule more is a change")
                .anySatisfy(d -> assertThat(d).contains("lg:except-uid-997-53"));
        IptablesChains bootChains = IptablesScript.chains(w.forBoot(), IptablesFamily.V4);
        IptablesChains running = IptablesScript.chains(w, IptablesFamily.V4);
        assertThat(IptablesCheck.differences(bootChains, running, IptablesFamily.V4)).isNotEmpty();
        assertThat(IptablesCheck.differences(bootChains, DiagnosisIptables.withoutCgroupExceptions(running, bootChains),
                IptablesFamily.V4)).isEmpty();
    }

    @Test
    void aCgroupThatDoesNotExistYetIsNotInForceAndSaysWhy() {
        List<Finding> findings = new ArrayList<>();
        HostIdentities none = new HostIdentities(Map.of(), true, Set.of());
        FirewallWanted w = wanted(spec(null, List.of(Exemption.cgroup(SLICE)), null), none, findings);
        assertThat(w.nft().definition()).doesNotContain("cgroupv2");
        assertThat(findings).anySatisfy(f -> assertThat(f.message()).startsWith("exception not in force yet: cgroup " + SLICE));
        List<Finding> hybrid = new ArrayList<>();
        wanted(spec(null, List.of(Exemption.cgroup(SLICE)), null), new HostIdentities(Map.of(), false, Set.of(SLICE)), hybrid);
        assertThat(hybrid).anySatisfy(f -> assertThat(f.message()).contains("is not a cgroup v2 hierarchy"));
    }

    @Test
    void anUnknownUserStopsThePlanNamingTheKey() {
        Spec spec = spec(null, List.of(Exemption.user("vpnclient"), Exemption.user("nosuchuser")), null);
        assertThatThrownBy(() -> wanted(spec, HOST, new ArrayList<>())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.firewall.exceptions[1].user: no user \"nosuchuser\" in /etc/passwd")
                .hasMessageContaining("nothing was changed");
        HostIdentities unreadable = new HostIdentities(null, true, Set.of());
        assertThatThrownBy(() -> wanted(spec, unreadable, new ArrayList<>())).hasMessageContaining("cannot read /etc/passwd");
        assertThat(wanted(spec(null, List.of(Exemption.user("4242")), null), unreadable, new ArrayList<>()).output())
                .anyMatch(r -> r.owner() != null && r.owner().uid() == 4242);
        // The policy allows uids past an int; nft and ip take them as they are.
        FirewallWanted high = wanted(spec(null, List.of(Exemption.user("4294967294")), null), unreadable, new ArrayList<>());
        assertThat(high.nft().definition()).contains("meta skuid 4294967294 meta l4proto { tcp, udp } th dport 53 accept");
        assertThat(RouteRules.wanted(high)).extracting(RouteRule::toString)
                .contains("-4 pref 100 uidrange 4294967294-4294967294 ipproto udp dport 53 goto 102 protocol 176");
    }

    @Test
    void aMissingOrExtraExceptionRuleIsDrift() {
        WantedTable with = wanted(spec(null, List.of(Exemption.user("vpnclient")), null), HOST, new ArrayList<>()).nft();
        WantedTable without = wanted(spec(null, List.of(), null), HOST, new ArrayList<>()).nft();
        assertThat(TableCheck.differences(with, loaded(without))).anySatisfy(d -> assertThat(d)
                .contains("chain output rules are").contains("lg:except-uid-997-53"));
        assertThat(TableCheck.differences(without, loaded(with))).isNotEmpty();
        assertThat(TableCheck.differences(with, loaded(with))).isEmpty();
    }

    @Test
    void thePortalWindowIsATimedSetWhoseElementsAreNotDrift() {
        WantedTable t = wanted(spec(null, List.of(), new Portal(Duration.ofMinutes(10))), HOST, new ArrayList<>()).nft();
        assertThat(t.definition()).contains("set portal4 {\n\t\ttype ipv4_addr\n\t\tflags timeout\n")
                .contains("meta l4proto { tcp, udp } th dport 53 ip daddr @portal4 accept comment \"lg:portal4\"");
        NftTable seen = loaded(t);
        Map<String, NftSet> sets = new java.util.LinkedHashMap<>(seen.sets());
        sets.put("portal4", new NftSet("portal4", "ipv4_addr", List.of("timeout"), t.digestComment(),
                List.of(org.leakguard.agent.net.AddressRange.of(Specs.ip("198.51.100.53")))));
        NftTable open = new NftTable(seen.family(), seen.name(), seen.comment(), sets, seen.chains());
        assertThat(TableCheck.differences(t, open)).isEmpty();
        List<Finding> findings = new ArrayList<>();
        PortalSets.report(new FirewallState(FirewallState.Kind.PRESENT, open, null), findings);
        assertThat(findings).singleElement().satisfies(f -> assertThat(f.message()).contains("window open").contains("198.51.100.53"));
    }

    @Test
    void passwdAndLeasesAreReadAsTheToolsWriteThem() {
        assertThat(Passwd.uids("root:x:0:0:root:/root:/bin/bash\n# comment\n+nis::::::\nvpnclient:x:997:997::/nonexistent:/usr/sbin/nologin\n"
                + "vpnclient:x:1:1::/:/bin/false\nbroken:x:abc:0::/:/bin/false\n")).containsExactly(Map.entry("root", 0L),
                Map.entry("vpnclient", 997L));
        String lease = Fixtures.text("dhcp/dhclient-4.4.3.leases");
        assertThat(DhcpLeaseText.dhclient(lease, Instant.parse("2026-12-06T23:39:00Z"))).containsExactly("198.51.100.53", "198.51.100.54");
        assertThat(DhcpLeaseText.dhclient(lease, Instant.parse("2026-12-06T23:40:00Z"))).as("expired").isEmpty();
        String older = lease.replace("198.51.100.53,198.51.100.54", "192.0.2.99");
        assertThat(DhcpLeaseText.dhclient(older + lease, Instant.parse("2026-12-06T23:39:00Z"))).as("the newest block")
                .containsExactly("198.51.100.53", "198.51.100.54");
        String lease6 = Fixtures.text("dhcp/dhclient6-4.4.3.leases");
        assertThat(DhcpLeaseText.dhclient(lease6, Instant.parse("2026-12-07T01:57:38Z"))).as("valid to its last second")
                .containsExactly("2001:db8:5::53", "2001:db8:5::54");
        assertThat(DhcpLeaseText.dhclient(lease6, Instant.parse("2026-12-07T01:57:39Z"))).as("its address's valid lifetime ran out")
                .isEmpty();
        String renewed = lease6.replace("starts 1796608538;\n      preferred", "starts 1796608600;\n      preferred");
        assertThat(DhcpLeaseText.dhclient(renewed, Instant.parse("2026-12-07T01:57:39Z"))).as("the address was renewed")
                .containsExactly("2001:db8:5::53", "2001:db8:5::54");
        assertThat(DhcpLeaseText.dhclient(lease6.replace("max-life 120", "max-life 4294967295"), Instant.parse("2030-01-01T00:00:00Z")))
                .as("an infinite lifetime").containsExactly("2001:db8:5::53", "2001:db8:5::54");
        assertThat(DhcpLeaseText.dhclient(lease + lease6, Instant.parse("2026-12-06T23:39:00Z"))).as("both families, one interface")
                .containsExactly("198.51.100.53", "198.51.100.54", "2001:db8:5::53", "2001:db8:5::54");
        assertThat(DhcpLeaseText.keyValue("# This is private data. Do not parse.\nADDRESS=198.51.100.7\nDNS=198.51.100.53 2001:db8::53 name.example\n"))
                .containsExactly("198.51.100.53", "2001:db8::53");
    }

    /** The table as nft would list it: the wanted sets and chains, with their comments. */
    private static NftTable loaded(WantedTable t) {
        Map<String, NftSet> sets = new java.util.LinkedHashMap<>();
        t.sets().forEach((name, addresses) -> sets.put(name, new NftSet(name, name.endsWith("6") ? "ipv6_addr" : "ipv4_addr",
                List.of(WantedTable.flag(name)), t.digestComment(), org.leakguard.agent.net.AddressRanges.of(addresses))));
        Map<String, NftChain> chains = new java.util.LinkedHashMap<>();
        t.chains().forEach(c -> chains.put(c.name(), new NftChain(c.name(), "filter", c.hook(), 0, "accept", c.ruleComments())));
        return new NftTable("inet", "leakguard", null, sets, chains);
    }
}
