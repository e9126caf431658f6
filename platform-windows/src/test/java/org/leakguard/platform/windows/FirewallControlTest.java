package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Status;

/** The fake lists the group's rules sorted by Name, as the read script's Sort-Object does on Windows. */
class FirewallControlTest {
    private static final Spec SPEC = Specs.firewall("203.0.113.53", "2001:db8::53");

    private final FirewallControl control = new FirewallControl();
    private final FakeWindows win = new FakeWindows();

    private Assessment plan(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, win.host()));
    }

    private void applyAll(Spec spec) throws Exception {
        for (Change c : plan(spec).changes()) {
            c.apply(win.host());
        }
    }

    @Test
    void eachRuleIsAChangeOfItsOwnAndUndoRemovesThem() throws Exception {
        Assessment a = ControlContract.holds(control, SPEC, win.host());

        assertThat(a.changes()).extracting(Change::target).containsExactly("Windows Firewall rule leakguard-dns-udp",
                "Windows Firewall rule leakguard-dns-tcp", "Windows Firewall rule leakguard-dot-tcp", "Windows Firewall rule leakguard-doq-udp",
                "Windows Firewall rule leakguard-doh-tcp", "Windows Firewall rule leakguard-doh-udp");
        assertThat(win.fw.persistent).isEmpty();
    }

    /** The rules come back sorted by Name, not in the order they were made: a second run changes nothing. */
    @Test
    void aSecondRunChangesNothingWhateverTheOrderWindowsListsThemIn() throws Exception {
        applyAll(SPEC);
        int writes = win.fw.writes;

        Assessment again = plan(SPEC);

        assertThat(again.changes()).isEmpty();
        assertThat(again.status()).isEqualTo(Status.COMPLIANT);
        assertThat(win.fw.writes).isEqualTo(writes);
    }

    @Test
    void theBlockRulesListEveryAddressButThePinnedAndLoopback() throws Exception {
        applyAll(SPEC);

        assertThat(win.fw.printed().findValuesAsText("name")).containsExactlyInAnyOrder("leakguard-dns-udp", "leakguard-dns-tcp", "leakguard-dot-tcp",
                "leakguard-doq-udp", "leakguard-doh-tcp", "leakguard-doh-udp");
        JsonNode udp = win.fw.printed("leakguard-dns-udp");
        assertThat(udp.get("protocol").asText()).isEqualTo("UDP");
        assertThat(PsJson.strings(udp.get("remotePort"))).containsExactly("53");
        assertThat(PsJson.strings(udp.get("remoteAddress"))).containsExactly(
                "0.0.0.0-126.255.255.255", "128.0.0.0-203.0.113.52", "203.0.113.54-255.255.255.255",
                "::2-2001:db8::52", "2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(PsJson.strings(win.fw.printed("leakguard-doh-tcp").get("remoteAddress"))).contains("192.0.2.44", "1.1.1.1-1.1.1.3", "8.8.8.8");
    }

    /** DNS over QUIC (RFC 9250, UDP 853) is blocked to all but the pinned resolvers, like DoT. */
    @Test
    void dnsOverQuicIsBlockedExceptToThePinned() throws Exception {
        applyAll(SPEC);

        JsonNode doq = win.fw.printed("leakguard-doq-udp");
        assertThat(doq.get("name").asText()).isEqualTo("leakguard-doq-udp");
        assertThat(doq.get("protocol").asText()).isEqualTo("UDP");
        assertThat(PsJson.strings(doq.get("remotePort"))).containsExactly("853");
        assertThat(PsJson.strings(doq.get("remoteAddress"))).doesNotContain("203.0.113.53").contains("203.0.113.54-255.255.255.255");
    }

    /** One rule tampered with: only it changes, in place; the others are never touched. */
    @Test
    void onlyTheRuleThatDiffersChangesAndInPlace() throws Exception {
        applyAll(SPEC);
        win.fw.persistent.set(1, win.fw.persistent.get(1).with(FakeRule.Enabled.False));

        Assessment a = plan(SPEC);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("Windows Firewall rule leakguard-dns-tcp");
            assertThat(c.summary()).contains("change in place");
        });
        BeforeImage before = a.changes().get(0).capture(win.host());
        a.changes().get(0).apply(win.host());
        assertThat(win.fw.persistent.get(1).enabled().name()).isEqualTo("True");
        a.changes().get(0).undo(win.host(), before);
        assertThat(win.fw.persistent.get(1).enabled().name()).isEqualTo("False");
        assertThat(win.ran()).doesNotContain("powershell FIREWALL_RULE_REMOVE");
    }

    /** Windows prints a prefix back with a dotted mask, and IPv6 in full: the same set, so compliant. */
    @Test
    void addressesAreComparedAsRangesNotAsText() throws Exception {
        applyAll(SPEC);
        win.fw.persistent.set(0, win.fw.persistent.get(0).withAddresses(List.of("0.0.0.0-126.255.255.255", "128.0.0.0/192.0.0.0",
                "192.0.0.0-203.0.113.52", "203.0.113.54-255.255.255.255", "0:0:0:0:0:0:0:2-2001:db8:0:0:0:0:0:52",
                "2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));

        assertThat(plan(SPEC).status()).isEqualTo(Status.COMPLIANT);
    }

    /** Changes and additions come first; a rule the policy dropped is removed last. */
    @Test
    void aRuleNoLongerWantedGoesAfterTheOthersAreInPlace() throws Exception {
        applyAll(SPEC);
        Spec fewer = new Spec(SPEC.resolvers(), null, null, new Firewall(PortRule.BLOCK_OTHERS, PortRule.OFF, DohRule.BLOCK,
                Specs.ips("192.0.2.99")), null, null);

        Assessment a = plan(fewer);

        assertThat(a.changes()).extracting(Change::target).containsExactly("Windows Firewall rule leakguard-doh-tcp",
                "Windows Firewall rule leakguard-doh-udp", "Windows Firewall rule leakguard-doq-udp", "Windows Firewall rule leakguard-dot-tcp");
        assertThat(a.changes()).last().extracting(Change::summary).asString().contains("no longer asks for it");
    }

    /**
     * Group Policy merges no local rule in any profile: leakguard's rules are stored but absent from
     * the active store. The control says so and plans nothing, so a re-apply does not rewrite them
     * on every run; once merging is allowed again the same stored rules count, with no write.
     */
    @Test
    void rulesStoredButKeptOutOfTheActiveStoreAreNonCompliantAndNotRewritten() throws Exception {
        applyAll(SPEC);
        int writes = win.fw.writes;
        List.of("Domain", "Private", "Public").forEach(p -> win.fw.localRules.put(p, "False"));

        Assessment a = plan(SPEC);
        for (Change c : a.changes()) {
            c.apply(win.host());
        }

        assertThat(a.changes()).isEmpty();
        assertThat(win.fw.writes).isEqualTo(writes);
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("leakguard-dns-udp", "stored but not in effect"));

        win.fw.localRules.clear();
        assertThat(plan(SPEC).status()).isEqualTo(Status.COMPLIANT);
        assertThat(win.fw.writes).isEqualTo(writes);
    }

    /** The same rules deployed by Group Policy into the group are in effect: compliance reads the active store. */
    @Test
    void rulesGroupPolicyDeploysCountAsInEffect() throws Exception {
        applyAll(SPEC);
        win.fw.persistent.forEach(r -> win.fw.gpo.add(r.inGroup(FirewallRules.GROUP)));
        List.of("Domain", "Private", "Public").forEach(p -> win.fw.localRules.put(p, "False"));

        Assessment a = plan(SPEC);

        assertThat(a.changes()).isEmpty();
        assertThat(a.findings()).noneSatisfy(f -> assertThat(f.message()).contains("stored but not in effect"));
    }

    @Test
    void aProfileSwitchedOffLocallyIsAnErrorTheRulesCannotFix() throws Exception {
        win.fw.profiles.put("Public", false);

        Assessment a = plan(SPEC);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).hasSize(6);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("off for the Public profile", "Set-NetFirewallProfile"));
    }

    @Test
    void aProfileGroupPolicySwitchesOffNamesTheGpo() throws Exception {
        applyAll(SPEC);
        win.fw.profiles.put("Domain", false);
        win.registry.put(FirewallProfile.key("Domain"), FirewallProfile.ENABLE, RegValue.dword(0));

        Assessment a = plan(SPEC);

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("Group Policy turns Windows Firewall off for the Domain",
                "WindowsFirewall\\DomainProfile\\EnableFirewall = 0", "Domain Profile > Firewall state"));
    }

    /** Local rules ignored by Group Policy: the rules are in the store, yet nothing is blocked. Never compliant. */
    @Test
    void localRulesIgnoredByGroupPolicyAreNonCompliant() throws Exception {
        applyAll(SPEC);
        win.fw.localRules.put("Domain", "False");
        win.registry.put(FirewallProfile.key("Domain"), FirewallProfile.MERGE, RegValue.dword(0));

        Assessment a = plan(SPEC);

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("ignores local firewall rules",
                "WindowsFirewall\\DomainProfile\\AllowLocalPolicyMerge = 0", "Rule merging: Apply local firewall rules"));
    }

    @Test
    void offRemovesEveryRule() throws Exception {
        applyAll(SPEC);
        Spec off = new Spec(null, null, null, new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of()), null, null);

        applyAll(off);

        assertThat(win.fw.persistent).isEmpty();
        assertThat(plan(off).status()).isEqualTo(Status.COMPLIANT);
    }

    /** Windows 11 22H2+: WSL's VMs get the same blocks as Hyper-V firewall rules, compared by name too. */
    @Test
    void wslGetsTheSameBlocksWhereTheHyperVFirewallExists() throws Exception {
        win.hv.present = true;
        win.hv.wslRunning = true;

        Assessment a = ControlContract.holds(control, SPEC, win.host());

        assertThat(a.changes()).extracting(Change::target).contains("Hyper-V firewall rule leakguard-wsl-dns-udp",
                "Hyper-V firewall rule leakguard-wsl-doq-udp", "Hyper-V firewall rule leakguard-wsl-doh-udp");
        applyAll(SPEC);
        assertThat(win.hv.printed()).hasSize(6).allSatisfy(r -> {
            assertThat(r.get("vmCreatorId").asText()).isEqualTo("{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}");
            assertThat(r.get("direction").asText()).isEqualTo("Outbound");
            assertThat(r.get("action").asText()).isEqualTo("Block");
        });
        assertThat(PsJson.strings(win.hv.printed().get(0).get("remoteAddress"))).contains("203.0.113.54-255.255.255.255").doesNotContain("203.0.113.53");
        assertThat(plan(SPEC).status()).isEqualTo(Status.COMPLIANT);
    }

    /** The Hyper-V firewall switched off for WSL's VM creator: its rules are there yet filter nothing. */
    @Test
    void aHyperVFirewallOffForWslIsNonCompliantWithTheCommandToTurnItOn() throws Exception {
        win.hv.present = true;
        applyAll(SPEC);
        win.hv.wslSetting.put("enabled", "False");

        Assessment a = plan(SPEC);

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("Hyper-V firewall is off for WSL's VMs",
                "Enabled False", "Set-NetFirewallHyperVVMSetting -Name '{40E0AC32-46A5-438A-A0B2-2B479E8F2E90}' -Enabled True"));

        win.hv.wslSetting.put("enabled", "NotConfigured");
        assertThat(plan(SPEC).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aHyperVRuleForAnotherVmCreatorIsSetBack() throws Exception {
        win.hv.present = true;
        applyAll(SPEC);
        win.hv.rules.set(2, win.hv.rules.get(2).withCreator("{00000000-0000-4000-8000-00000000c0de}"));

        assertThat(plan(SPEC).changes()).extracting(Change::target).containsExactly("Hyper-V firewall rule leakguard-wsl-dot-tcp");
    }

    /** VMs but no Hyper-V firewall (Windows 10, Server 2022): their DNS passes the host's rules, never compliant. */
    @Test
    void vmsWithoutAHyperVFirewallAreNonCompliant() throws Exception {
        win.hv.wslRunning = true;
        win.hv.vms.add("build-agent");
        applyAll(SPEC);

        Assessment a = plan(SPEC);

        assertThat(a.changes()).isEmpty();
        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("runs VMs (WSL 2, build-agent (Running))",
                "no Hyper-V firewall"));
        assertThat(win.ran()).doesNotContain("powershell HYPERV_READ");
    }

    @Test
    void hyperVVmsBesideWslAreNamed() throws Exception {
        win.hv.present = true;
        win.hv.vms.add("build-agent");
        applyAll(SPEC);

        Assessment a = plan(SPEC);

        assertThat(a.status()).isEqualTo(Status.COMPLIANT);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("build-agent", "are not WSL's"));
    }
}
