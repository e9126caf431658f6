package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** firewall.exceptions and routed servers in Windows Firewall, against the fake's stores. */
class ProgramExceptionsTest {
    private static final String OPENVPN = "C:\\Program Files\\OpenVPN\\bin\\openvpn.exe";

    private final FirewallControl control = new FirewallControl();
    private final FakeWindows win = new FakeWindows();

    private static Spec spec(PortRule ports, Exemption... exceptions) {
        return new Spec(Specs.routed(), null, null, new Firewall(ports, ports, DohRule.OFF, List.of(), List.of(exceptions), null), null, null);
    }

    private Assessment plan(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, win.host()));
    }

    private void applyAll(Spec spec) throws Exception {
        for (Change c : plan(spec).changes()) {
            c.apply(win.host());
        }
    }

    /** 53 and 853 stay open to the route's servers as to the pinned ones, and to nothing else. */
    @Test
    void theBlockRulesLeaveTheRouteServersOpen() throws Exception {
        Spec spec = spec(PortRule.BLOCK_OTHERS);
        applyAll(spec);

        for (String rule : List.of("leakguard-dns-udp", "leakguard-dns-tcp", "leakguard-dot-tcp", "leakguard-doq-udp")) {
            List<AddressRange> blocked = PsJson.strings(win.fw.printed(rule).get("remoteAddress")).stream().map(AddressRange::parse).toList();
            for (String open : List.of("203.0.113.53", "2001:db8::53", "192.0.2.53", "2001:db8:2::53", "127.0.0.1")) {
                assertThat(blocked).as("%s blocks %s", rule, open).noneMatch(r -> r.contains(Ip.parse(open)));
            }
            for (String shut : List.of("192.0.2.52", "192.0.2.54", "203.0.113.54", "2001:db8:2::54", "198.51.100.1")) {
                assertThat(blocked).as("%s leaves %s open", rule, shut).anyMatch(r -> r.contains(Ip.parse(shut)));
            }
        }
        assertThat(plan(spec).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aProgramGetsOutboundAllowRulesForItsDnsToAnyAddress() throws Exception {
        Spec spec = spec(PortRule.BLOCK_OTHERS, Exemption.program(OPENVPN));

        Assessment a = ControlContract.holds(control, spec, win.host());
        applyAll(spec);

        String id = ProgramExceptions.PREFIX + ProgramPath.id(OPENVPN);
        assertThat(a.changes()).extracting(Change::target).contains("Windows Firewall rule " + id + "-udp", "Windows Firewall rule " + id + "-tcp");
        for (String proto : List.of("udp", "tcp")) {
            JsonNode r = win.fw.printed(id + "-" + proto);
            assertThat(r.get("direction").asText()).isEqualTo("Outbound");
            assertThat(r.get("action").asText()).isEqualTo("Allow");
            assertThat(r.get("protocol").asText()).isEqualTo(proto.toUpperCase(java.util.Locale.ROOT));
            assertThat(PsJson.strings(r.get("remotePort"))).containsExactly("53", "853");
            assertThat(PsJson.strings(r.get("remoteAddress"))).containsExactly("Any");
            assertThat(r.get("program").asText()).isEqualTo(OPENVPN);
        }
        assertThat(PsJson.strings(win.fw.printed("leakguard-dns-udp").get("program"))).as("the block rules are for every program")
                .containsExactly("Any");
    }

    /** Block beats allow in Windows Firewall: the report says how far the exception reaches, never more. */
    @Test
    void theReportSaysWhatEachExceptionLetsThrough() throws Exception {
        Assessment blocked = plan(spec(PortRule.BLOCK_OTHERS, Exemption.program(OPENVPN), Exemption.user("vpnclient"),
                Exemption.cgroup("system.slice/openvpn-client@corp.service")));

        assertThat(blocked.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).startsWith("exception program " + OPENVPN).contains("block rule win over any allow rule",
                    "port 53 and 853", "not in force on those ports");
        });
        assertThat(blocked.findings()).filteredOn(f -> f.message().contains("not applicable on Windows")).extracting(Finding::message)
                .hasSize(2).anySatisfy(m -> assertThat(m).startsWith("exception user vpnclient"))
                .anySatisfy(m -> assertThat(m).startsWith("exception cgroup system.slice/openvpn-client@corp.service"));
        assertThat(blocked.findings()).noneMatch(f -> f.severity() == Finding.Severity.ERROR);

    }

    /** With nothing blocked there is nothing to except: no allow rule, and no claim that an exception is in force. */
    @Test
    void withNothingBlockedAnExceptionMakesNoRule() throws Exception {
        Spec open = spec(PortRule.OFF, Exemption.program(OPENVPN));

        Assessment a = plan(open);
        applyAll(open);

        assertThat(a.changes()).isEmpty();
        assertThat(win.fw.persistent).isEmpty();
        assertThat(a.findings()).noneMatch(f -> f.message().contains("in force"))
                .anySatisfy(f -> assertThat(f.message()).startsWith("exception program " + OPENVPN).contains("block nothing", "left out"));
    }

    /** Windows paths ignore case: one program written twice is one pair of rules, and the plan converges. */
    @Test
    void theSameProgramInAnotherCaseConverges() throws Exception {
        Spec spec = spec(PortRule.BLOCK_OTHERS, Exemption.program(OPENVPN),
                Exemption.program(OPENVPN.toLowerCase(java.util.Locale.ROOT)));

        applyAll(spec);
        Assessment again = plan(spec);

        assertThat(again.changes()).isEmpty();
        assertThat(again.status()).isEqualTo(Status.COMPLIANT);
        assertThat(win.fw.persistent).filteredOn(r -> r.name().startsWith(ProgramExceptions.PREFIX)).hasSize(2)
                .allSatisfy(r -> assertThat(r.program()).isEqualTo(OPENVPN));
        assertThat(again.findings()).anySatisfy(f -> assertThat(f.message()).contains("the same program as " + OPENVPN));
    }

    /** A program on one of leakguard's rules is cleared ("Any"), and the plan then holds: -Program is always passed. */
    @Test
    void aProgramOnABlockRuleIsClearedAndConverges() throws Exception {
        Spec spec = spec(PortRule.BLOCK_OTHERS);
        applyAll(spec);
        int i = java.util.stream.IntStream.range(0, win.fw.persistent.size())
                .filter(n -> win.fw.persistent.get(n).name().equals("leakguard-dns-udp")).findFirst().orElseThrow();
        FakeRule r = win.fw.persistent.get(i);
        win.fw.persistent.set(i, new FakeRule(r.name(), r.displayName(), r.group(), r.direction(), r.action(), r.enabled(),
                r.protocol(), r.remotePort(), r.remoteAddress(), r.vmCreatorId(), "C:\\only\\this.exe"));

        Assessment repair = plan(spec);
        applyAll(spec);

        assertThat(repair.changes()).extracting(Change::target).containsExactly("Windows Firewall rule leakguard-dns-udp");
        assertThat(win.fw.printed("leakguard-dns-udp").get("program").asText()).isEqualTo("Any");
        assertThat(plan(spec).changes()).isEmpty();
    }

    /** Rollback of an exception's rule whose program had been cleared puts "Any" back, not the exception's program. */
    @Test
    void rollbackToEveryProgramIsExact() throws Exception {
        Spec spec = spec(PortRule.BLOCK_OTHERS, Exemption.program(OPENVPN));
        String id = ProgramExceptions.PREFIX + ProgramPath.id(OPENVPN) + "-udp";
        win.fw.persistent.add(new FakeRule(id, "someone's rule", FirewallRules.GROUP, FakeRule.Direction.Outbound,
                FakeRule.Action.Allow, FakeRule.Enabled.True, "UDP", List.of("53", "853"), List.of("Any"), null, "Any"));
        List<Change> changes = plan(spec).changes();
        List<org.leakguard.agent.change.BeforeImage> images = new java.util.ArrayList<>();
        for (Change c : changes) {
            images.add(c.capture(win.host()));
            c.apply(win.host());
        }
        assertThat(win.fw.printed(id).get("program").asText()).isEqualTo(OPENVPN);

        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(win.host(), images.get(i));
        }

        assertThat(win.fw.printed(id).get("program").asText()).isEqualTo("Any");
        assertThat(win.fw.persistent).singleElement().extracting(FakeRule::displayName).isEqualTo("someone's rule");
    }

    /** The route's servers are resolvers the policy trusts: HTTPS to them stays open like the pinned ones'. */
    @Test
    void routeServersAreExemptFromTheDohBlock() throws Exception {
        Spec spec = new Spec(Specs.routed(), null, null, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.BLOCK,
                Specs.ips("192.0.2.53", "203.0.113.53", "198.51.100.44")), null, null);

        Assessment a = plan(spec);
        applyAll(spec);

        List<AddressRange> blocked = PsJson.strings(win.fw.printed("leakguard-doh-tcp").get("remoteAddress")).stream()
                .map(AddressRange::parse).toList();
        assertThat(blocked).noneMatch(r -> r.contains(Ip.parse("192.0.2.53")) || r.contains(Ip.parse("203.0.113.53")))
                .anyMatch(r -> r.contains(Ip.parse("198.51.100.44")));
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).startsWith("192.0.2.53 is a pinned or routed resolver"));
    }

    /** Windows Firewall has no rule that expires by itself: a portal section is answered, not silently ignored. */
    @Test
    void aPortalSectionSaysWindowsOpensNoWindow() throws Exception {
        Spec spec = new Spec(Specs.routed(), null, null, new Firewall(PortRule.BLOCK_OTHERS, PortRule.BLOCK_OTHERS, DohRule.OFF,
                List.of(), List.of(), new org.leakguard.agent.policy.Portal(java.time.Duration.ofMinutes(5))), null, null);

        Assessment a = plan(spec);

        assertThat(a.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Finding.Severity.INFO);
            assertThat(f.message()).startsWith("firewall.portal: Windows opens no captive-portal window")
                    .contains("no rule that expires by itself", "never beats leakguard's block rules");
        });
        assertThat(plan(spec(PortRule.BLOCK_OTHERS)).findings()).noneMatch(f -> f.message().contains("portal"));
    }

    /** The path is data on standard input: never in the script, whatever quote it holds. */
    @Test
    void thePathReachesPowerShellOnlyAsData() throws Exception {
        String odd = "C:\\Program Files\\O'Neil & Sons VPN\\bin\\vpn$(calc).exe";
        Spec spec = spec(PortRule.BLOCK_OTHERS, Exemption.program(odd));

        applyAll(spec);

        List<Command> writes = win.commands.calls().stream().filter(c -> c.input() != null && c.input().contains("O'Neil")).toList();
        assertThat(writes).hasSize(2);
        assertThat(win.commands.calls()).allSatisfy(c -> assertThat(String.join(" ", c.argv())).doesNotContain("O'Neil"));
        assertThat(win.fw.printed(ProgramExceptions.PREFIX + ProgramPath.id(odd) + "-tcp").get("program").asText()).isEqualTo(odd);
    }

    /** A path the loader let through but the platform does not: nothing in the firewall changes, and the report says why. */
    @Test
    void aPathThatIsNotAPlainLocalProgramChangesNothing() throws Exception {
        for (String bad : List.of("C:\\VPN\\..\\Windows\\System32\\cmd.exe", "C:\\%ProgramFiles%\\vpn.exe", "\\\\server\\share\\vpn.exe",
                "C:\\VPN\\vpn.bat", "vpn.exe")) {
            Assessment a = plan(spec(PortRule.BLOCK_OTHERS, Exemption.program(bad)));

            assertThat(a.status()).as(bad).isEqualTo(Status.NON_COMPLIANT);
            assertThat(a.changes()).as(bad).isEmpty();
            assertThat(a.findings()).as(bad).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
                assertThat(f.message()).startsWith("spec.firewall.exceptions: program '").contains("nothing in the firewall was changed");
            });
        }
        assertThat(win.ran()).noneMatch(c -> c.contains("REPLACE"));
    }

    /** WSL's VMs get the block rules again in the Hyper-V firewall, never a host program's allow rules. */
    @Test
    void hyperVRulesMirrorTheBlocksOnly() throws Exception {
        win.hv.present = true;
        applyAll(spec(PortRule.BLOCK_OTHERS, Exemption.program(OPENVPN)));

        assertThat(win.hv.rules).extracting(FakeRule::name).isNotEmpty().allSatisfy(n -> assertThat(n).doesNotContain("exempt"));
        assertThat(win.hv.rules).extracting(r -> r.action().name()).containsOnly("Block");
    }

    @Test
    void pinnedServersOnlyStillBlockRouteServers() throws Exception {
        Spec pinnedOnly = new Spec(Specs.resolvers(Encryption.NONE, "203.0.113.53"), null, null,
                new Firewall(PortRule.BLOCK_OTHERS, PortRule.OFF, DohRule.OFF, List.of()), null, null);
        applyAll(pinnedOnly);

        List<AddressRange> blocked = PsJson.strings(win.fw.printed("leakguard-dns-udp").get("remoteAddress")).stream()
                .map(AddressRange::parse).toList();
        assertThat(blocked).anyMatch(r -> r.contains(Ip.parse("192.0.2.53")));
    }
}
