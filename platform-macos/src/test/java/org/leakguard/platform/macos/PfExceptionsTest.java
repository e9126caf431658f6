package org.leakguard.platform.macos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** firewall.exceptions and the routes' servers in leakguard's pf anchor, and the anchor loaded by the fake pfctl. */
class PfExceptionsTest extends PfFixture {
    static final List<Exemption> EXCEPTIONS = List.of(Exemption.cgroup("system.slice/openvpn-client@corp.service"),
            Exemption.user("vpnclient"), Exemption.program("C:\\Program Files\\OpenVPN\\bin\\openvpn.exe"), Exemption.user("501"),
            Exemption.user("_mdnsresponder"));

    static Spec spec(List<Exemption> exceptions, Encryption encryption) {
        Resolvers pinned = Specs.resolvers(List.of(), encryption, "203.0.113.53");
        return new Spec(new Resolvers(pinned.servers(), List.of(), null, true, encryption, pinned.tlsName(), null,
                List.of(SplitDnsTest.CORP)), null, null, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS,
                DohRule.BLOCK, List.of(), exceptions, null), null, null);
    }

    final List<Finding> findings = new ArrayList<>();

    @Test
    void exceptionUsersPassBeforeTheBlocksAndRouteServersHaveTheirOwnTable() {
        PfRuleset rules = PfRules.wanted(spec(EXCEPTIONS, Encryption.NONE), false, Map.of("vpnclient", new UidLookup.Found(502)), findings)
                .orElseThrow();

        assertThat(rules.rules()).extracting(PfRule::name).containsExactly("lo-udp-53", "lo-tcp-53", "lo-tcp-853", "lo-udp-853",
                "exc2-udp-53", "exc2-tcp-53", "exc2-tcp-853", "exc2-udp-853", "exc4-udp-53", "exc4-tcp-53", "exc4-tcp-853",
                "exc4-udp-853", "ok-udp-53", "ok-tcp-53", "route-udp-53", "route-tcp-53", "block-udp-53", "block-tcp-53",
                "ok-tcp-853", "ok-udp-853", "route-tcp-853", "route-udp-853", "block-tcp-853", "block-udp-853",
                "doh-tcp-443", "doh-udp-443");
        assertThat(rules.text()).contains("table <leakguard_dns_ok> const { 203.0.113.53 }\n",
                "table <leakguard_dns_routes> const { 192.0.2.53 2001:db8::53 }\n",
                "pass out quick proto udp from any to any port 53 user 502 label \"leakguard " + rules.digest()
                        + " exc2-udp-53\"\n",
                "pass out quick proto tcp from any to any port 853 user 501 label ",
                "pass out quick proto udp from any to <leakguard_dns_routes> port 53 label ");
        assertThat(rules.text()).doesNotContain("_mdnsresponder", "openvpn", "vpnclient");
        assertThat(findings).extracting(f -> f.severity() + " " + f.message()).anySatisfy(m -> assertThat(m).startsWith(
                "INFO firewall.exceptions[0] cgroup system.slice/openvpn-client@corp.service: not applicable on macOS"))
                .anySatisfy(m -> assertThat(m).startsWith("INFO firewall.exceptions[2] program C:\\Program Files")
                        .contains("not applicable on macOS"))
                .anySatisfy(m -> assertThat(m).startsWith("INFO exception in force: firewall.exceptions[1] user vpnclient (uid 502):")
                        .contains("53 and 853", "sent by mDNSResponder and stay pinned"))
                .anySatisfy(m -> assertThat(m).startsWith("INFO exception in force: firewall.exceptions[3] user 501:"))
                .anySatisfy(m -> assertThat(m).startsWith("ERROR firewall.exceptions[4] user _mdnsresponder: uid 65 is _mdnsresponder")
                        .contains("every program's DNS"));
    }

    @Test
    void withDotInForcePort53ClosesToThePinnedServersButNotToTheRoutesOnes() {
        PfRuleset rules = PfRules.wanted(spec(List.of(), Encryption.DOT), true, Map.of(), findings).orElseThrow();

        assertThat(rules.rules()).extracting(PfRule::name).doesNotContain("ok-udp-53", "ok-tcp-53")
                .contains("route-udp-53", "route-tcp-53", "ok-tcp-853", "route-tcp-853");
    }

    @Test
    void aUserTheMacLacksIsLeftOutAndNamesNeverReachTheRulesetSincePfRefusesAWholeLoadForOne() throws Exception {
        Spec spec = spec(List.of(Exemption.user("vpnclient")), Encryption.NONE);
        pf.noUser("vpnclient");
        String byName = new PfRule("exc1-udp-53", true, false, "udp", 53, null, "vpnclient").render("0123456789ab") + "\n";
        assertThatThrownBy(() -> new LoadAnchor(byName, "test").apply(host())).isInstanceOf(IOException.class)
                .hasMessageContaining("stdin:1: unknown user vpnclient").hasMessageContaining("pf rules not loaded");

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("user vpnclient: no such user on this Mac (id -u gave no uid)"));
        assertThat(((LoadAnchor) a.changes().get(0)).ruleset()).doesNotContain("user");
        assertThat(commands.argvs()).contains(List.of("id", "-u", "vpnclient"));
    }

    @Test
    void theContractHoldsWithExceptionsAndRoutesPfctlPrintingTheUserAsItsUid() throws Exception {
        Spec spec = spec(List.of(Exemption.user("vpnclient")), Encryption.NONE);
        pf.user("vpnclient", 501);
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));

        Assessment first = ControlContract.holds(control, spec, host());

        assertThat(first.changes()).extracting(Change::target).first().isEqualTo("pf anchor com.apple/250.leakguard");
        assertThat(pf.loaded).isBlank();
        assertThat(first.status()).isEqualTo(Status.NON_COMPLIANT);
    }

    @Test
    void pfSeesTheUidPfctlPrintsBackAndTheAnchorStaysIntact() throws Exception {
        Spec spec = spec(List.of(Exemption.user("vpnclient")), Encryption.NONE);
        pf.user("vpnclient", 501);
        PfRuleset rules = PfRules.wanted(spec, false, Map.of("vpnclient", new UidLookup.Found(501)), new ArrayList<>()).orElseThrow();
        new LoadAnchor(rules.text(), "test").apply(host());

        String printed = PfObserve.anchorRules(host());

        assertThat(printed).contains("pass out quick proto tcp from any to any port = 53 user = 501 flags S/SA keep state label");
        assertThat(AnchorCheck.differences(rules, PfOutput.labels(printed), PfObserve.tables(host()))).isEmpty();
    }

    /** pfctl answers the state kills a load of this policy's rules asks for. */
    private void acceptKills(Spec spec) {
        pf.acceptKills(FirewallControl.killTargets(spec, PfRules.wanted(spec, false, new ArrayList<>()).orElseThrow(),
                Specs.ips("198.51.100.1", "198.51.100.10", "198.51.100.24")));
    }

    @Test
    void aUserValueThatCouldEndPfsStringIsRefusedBeforeAnyRulesetText() {
        assertThatThrownBy(() -> new PfRule("x", true, false, "udp", 53, null, "a\" label \"x")).isInstanceOf(
                IllegalArgumentException.class).hasMessageContaining("not a user name pf accepts");
        List<PfRule> rules = PfExceptions.rules(List.of(Exemption.user("vpn client")), Map.of(), true, true, findings);
        assertThat(rules).isEmpty();
        assertThat(findings).singleElement().extracting(Finding::message).asString().contains("not a user name pf accepts");
    }

    @Test
    void aUidIsTheNumberPfReadsSoLeadingZerosNeitherHideRootOrMdnsResponderNorReachTheRuleset() throws Exception {
        Spec spec = spec(List.of(Exemption.user("065"), Exemption.user("00"), Exemption.user("0501"),
                Exemption.user("4294967295"), Exemption.user("4294967294")), Encryption.NONE);

        Assessment a = control.plan(spec, control.observe(spec, host()));

        String ruleset = ((LoadAnchor) a.changes().get(0)).ruleset();
        assertThat(ruleset).contains(" port 53 user 501 label ", " port 853 user 4294967294 label ")
                .doesNotContain("user 0", "user 65 ", "user 4294967295");
        assertThat(a.findings()).extracting(f -> f.severity() + " " + f.message())
                .anySatisfy(m -> assertThat(m).startsWith("ERROR firewall.exceptions[0] user 065: uid 65 is _mdnsresponder"))
                .anySatisfy(m -> assertThat(m).startsWith("ERROR firewall.exceptions[1] user 00: uid 0 is root"))
                .anySatisfy(m -> assertThat(m).startsWith("INFO exception in force: firewall.exceptions[2] user 0501 (uid 501):"))
                .anySatisfy(m -> assertThat(m).startsWith("ERROR firewall.exceptions[3] user 4294967295:")
                        .contains("is not a uid pf accepts (0 to 4294967294)"));
        assertThat(new PfRule("exc1-udp-53", true, false, "udp", 53, null, "0065").render("0123456789ab"))
                .contains(" user 65 label ");
    }

    @Test
    void anAccountWhoseUidIsRootsOrMdnsRespondersIsRefusedAfterTheLookup() throws Exception {
        Spec spec = spec(List.of(Exemption.user("toor"), Exemption.user("mdns"), Exemption.user("vpnclient")),
                Encryption.NONE);
        pf.user("toor", 0).user("mdns", 65).user("vpnclient", 502);

        Assessment a = control.plan(spec, control.observe(spec, host()));

        assertThat(((LoadAnchor) a.changes().get(0)).ruleset()).contains(" user 502 label ").doesNotContain(" user 0 ",
                " user 65 ");
        assertThat(a.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("firewall.exceptions[0] user toor: uid 0 is root")
                        .contains("(id -u toor gives 0)"))
                .anySatisfy(m -> assertThat(m).startsWith("firewall.exceptions[1] user mdns: uid 65 is _mdnsresponder"));
    }

    @Test
    void aRefusedExceptionKeepsTheFirewallNonCompliantOnceItsRulesAreLoaded() throws Exception {
        Spec spec = spec(List.of(Exemption.user("vpnclient"), Exemption.user("_mdnsresponder")), Encryption.NONE);
        pf.user("vpnclient", 502).user("_mdnsresponder", 65);
        acceptKills(spec);
        for (Change c : control.plan(spec, control.observe(spec, host())).changes()) {
            c.apply(host());
        }

        Assessment now = control.plan(spec, control.observe(spec, host()));

        assertThat(now.changes()).isEmpty();
        assertThat(now.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(now.findings()).filteredOn(f -> f.severity() == Finding.Severity.ERROR).extracting(Finding::message)
                .singleElement().asString().startsWith("firewall.exceptions[1] user _mdnsresponder: uid 65 is _mdnsresponder");
    }

    @Test
    void anIdThatCannotRunLeavesTheVerdictUnknownAndSaysIdCouldNotTellNotThatTheUserIsMissing() throws Exception {
        Spec spec = spec(List.of(Exemption.user("vpnclient")), Encryption.NONE);
        commands.missing("id");
        acceptKills(spec);
        for (Change c : control.plan(spec, control.observe(spec, host())).changes()) {
            c.apply(host());
        }

        Assessment now = control.plan(spec, control.observe(spec, host()));

        assertThat(now.changes()).isEmpty();
        assertThat(now.status()).isEqualTo(Status.UNKNOWN);
        assertThat(now.findings()).extracting(Finding::message).noneMatch(m -> m.contains("no such user"))
                .anySatisfy(m -> assertThat(m).startsWith("firewall.exceptions[0] user vpnclient: id -u could not tell"
                        + " whether this Mac has the account (id -u vpnclient could not run: Cannot run program \"id\"")
                        .contains("verdict is unknown until id answers"));
        assertThat(pf.loaded).doesNotContain(" user ");
    }

    @Test
    void anIdAnswerOtherThanNoSuchUserSaysNothingOfTheAccount() {
        assertThat(PfUser.parse("vpnclient", new org.leakguard.agent.host.CommandResult(1, "",
                "id: vpnclient: no such user\n"))).isEqualTo(new UidLookup.NoSuchUser());
        assertThat(PfUser.parse("vpnclient", new org.leakguard.agent.host.CommandResult(0, "0502\n", "")))
                .isEqualTo(new UidLookup.Found(502));
        assertThat(PfUser.parse("vpnclient", new org.leakguard.agent.host.CommandResult(1, "",
                "id: vpnclient2: no such user\n"))).isInstanceOf(UidLookup.Unanswered.class);
        assertThat(PfUser.parse("vpnclient", new org.leakguard.agent.host.CommandResult(0, "4294967295\n", "")))
                .isEqualTo(new UidLookup.Unanswered("id -u vpnclient printed 4294967295, which is no uid"));
    }

    @Test
    void routeServersOnTheDohListStayReachableOn443LikeThePinnedOnes() {
        Spec spec = spec(List.of(), Encryption.NONE);
        Firewall fw = spec.firewall();
        Spec listed = new Spec(spec.resolvers(), null, null, new Firewall(fw.plainDns(), fw.dnsOverTls(), fw.publicDoh(),
                Specs.ips("203.0.113.53", "192.0.2.53", "2001:db8::53", "192.0.2.44"), List.of(), null), null, null);

        PfRuleset rules = PfRules.wanted(listed, false, findings).orElseThrow();

        assertThat(rules.tables().get(PfRuleset.DOH)).contains(Ips.parse("192.0.2.44"))
                .doesNotContain(Ips.parse("203.0.113.53"), Ips.parse("192.0.2.53"), Ips.parse("2001:db8::53"));
        assertThat(findings).extracting(Finding::message).contains(
                "192.0.2.53 is a resolver of the policy and on the DoH list: HTTPS to it is not blocked",
                "2001:db8::53 is a resolver of the policy and on the DoH list: HTTPS to it is not blocked");
    }

    @Test
    void withNoDnsPortBlockedNoExceptionIsSaidToBeInForce() throws Exception {
        pf.user("vpnclient", 502);
        for (DohRule publicDoh : List.of(DohRule.OFF, DohRule.BLOCK)) {
            Spec spec = new Spec(spec(List.of(), Encryption.NONE).resolvers(), null, null, new Firewall(PortRule.OFF,
                    PortRule.OFF, publicDoh, List.of(), List.of(Exemption.user("vpnclient")), null), null, null);

            Assessment a = control.plan(spec, control.observe(spec, host()));

            assertThat(a.findings()).extracting(Finding::message).noneMatch(m -> m.contains("in force:"))
                    .anySatisfy(m -> assertThat(m).contains("exception").contains("nothing"));
            assertThat(a.changes()).filteredOn(LoadAnchor.class::isInstance)
                    .allSatisfy(c -> assertThat(((LoadAnchor) c).ruleset()).doesNotContain(" user "));
        }
    }
}
