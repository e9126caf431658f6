package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.DohRule;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.ControlContract;
import org.leakguard.agent.spi.Status;

class FirewallControlTest {
    private static final Spec SPEC = Specs.firewall("203.0.113.53", "2001:db8::53");

    private final FirewallControl control = new FirewallControl();
    private final FakeWindows win = new FakeWindows();

    @Test
    void oneGroupIsCreatedAndRemovedAgain() throws Exception {
        Assessment a = ControlContract.holds(control, SPEC, win.host());

        assertThat(a.changes()).singleElement().extracting(c -> c.target()).isEqualTo("Windows Firewall group leakguard");
        assertThat(win.ran()).containsExactly("powershell FIREWALL_PROFILES", "powershell FIREWALL_READ", "powershell FIREWALL_READ",
                "powershell FIREWALL_REPLACE", "powershell FIREWALL_PROFILES", "powershell FIREWALL_READ", "powershell FIREWALL_REMOVE",
                "powershell FIREWALL_READ");
        assertThat(win.firewall).isEmpty();
    }

    @Test
    void theBlockRulesListEveryAddressButThePinnedAndLoopback() throws Exception {
        Assessment a = control.plan(SPEC, control.observe(SPEC, win.host()));
        a.changes().get(0).apply(win.host());

        List<String> names = win.firewall.findValuesAsText("name");
        assertThat(names).containsExactly("leakguard-dns-udp", "leakguard-dns-tcp", "leakguard-dot-tcp", "leakguard-doh-tcp", "leakguard-doh-udp");
        JsonNode udp = win.firewall.get(0);
        assertThat(udp.get("protocol").asText()).isEqualTo("UDP");
        assertThat(PsJson.strings(udp.get("remotePort"))).containsExactly("53");
        assertThat(PsJson.strings(udp.get("remoteAddress"))).containsExactly(
                "0.0.0.0-126.255.255.255", "128.0.0.0-203.0.113.52", "203.0.113.54-255.255.255.255",
                "::2-2001:db8::52", "2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
        assertThat(PsJson.strings(win.firewall.get(3).get("remoteAddress"))).contains("192.0.2.44", "1.1.1.1-1.1.1.3", "8.8.8.8");
        assertThat(control.plan(SPEC, control.observe(SPEC, win.host())).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aRuleTamperedWithIsReplaced() throws Exception {
        control.plan(SPEC, control.observe(SPEC, win.host())).changes().get(0).apply(win.host());
        ((com.fasterxml.jackson.databind.node.ObjectNode) win.firewall.get(0)).put("enabled", "False");

        assertThat(control.plan(SPEC, control.observe(SPEC, win.host())).status()).isEqualTo(Status.NON_COMPLIANT);
    }

    @Test
    void addressesAreComparedAsRangesNotAsText() throws Exception {
        control.plan(SPEC, control.observe(SPEC, win.host())).changes().get(0).apply(win.host());
        // Windows may print a range as a CIDR block or spell IPv6 in full.
        var rule = (com.fasterxml.jackson.databind.node.ObjectNode) win.firewall.get(0);
        rule.putArray("remoteAddress").add("0.0.0.0-126.255.255.255").add("128.0.0.0/2").add("192.0.0.0-203.0.113.52")
                .add("203.0.113.54-255.255.255.255").add("0:0:0:0:0:0:0:2-2001:db8:0:0:0:0:0:52")
                .add("2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

        assertThat(control.plan(SPEC, control.observe(SPEC, win.host())).status()).isEqualTo(Status.COMPLIANT);
    }

    @Test
    void aProfileSwitchedOffIsAnErrorTheRulesCannotFix() throws Exception {
        win.profiles.put("Public", false);

        Assessment a = control.plan(SPEC, control.observe(SPEC, win.host()));

        assertThat(a.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(a.changes()).hasSize(1);
        assertThat(a.findings()).anySatisfy(f -> assertThat(f.message()).contains("off for the Public profile"));
    }

    @Test
    void offRemovesTheGroup() throws Exception {
        control.plan(SPEC, control.observe(SPEC, win.host())).changes().get(0).apply(win.host());
        Spec off = new Spec(null, null, null, new Firewall(PortRule.OFF, PortRule.OFF, DohRule.OFF, List.of()), null, null);

        Assessment a = control.plan(off, control.observe(off, win.host()));
        a.changes().get(0).apply(win.host());

        assertThat(a.changes().get(0).summary()).contains("leakguard's rules go");
        assertThat(win.firewall).isEmpty();
    }
}
