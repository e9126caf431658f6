package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.policy.Spec;

/** What {@code agent plan} shows for Windows changes: the firewall group as a table of rules, registry values before -> after. */
class PlanPreviewTest {
    private static final Spec SPEC = Specs.firewall("203.0.113.53", "2001:db8::53");

    private final FirewallControl firewall = new FirewallControl();
    private final FakeWindows win = new FakeWindows();

    @Test
    void theFirewallGroupIsShownAsATableOfEveryRule() throws Exception {
        Change load = firewall.plan(SPEC, firewall.observe(SPEC, win.host())).changes().get(0);

        Preview p = load.preview(win.host()).orElseThrow();
        String diff = p.render(load.target());

        assertThat(p.form()).isEqualTo(Preview.Form.TABLE);
        assertThat(p.before()).as("no group yet").isNull();
        assertThat(diff).startsWith("--- /dev/null\n+++ bWindows Firewall group leakguard\n@@ -0,0 +1,6 @@\n+" + FirewallTable.HEADER + "\n");
        assertThat(diff).contains("+leakguard-dns-udp | Outbound | Block | True | UDP | 53 | 0.0.0.0-126.255.255.255,"
                + "128.0.0.0-203.0.113.52,203.0.113.54-255.255.255.255,::2-2001:db8::52,2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\n");
        assertThat(diff.lines().filter(l -> l.startsWith("+leakguard-"))).hasSize(5);
        assertThat(win.firewall).as("a preview changes nothing").isEmpty();
    }

    @Test
    void aTamperedRuleIsTheOnlyRowThatDiffers() throws Exception {
        firewall.plan(SPEC, firewall.observe(SPEC, win.host())).changes().get(0).apply(win.host());
        ((ObjectNode) win.firewall.get(0)).put("enabled", "False");
        Change repair = firewall.plan(SPEC, firewall.observe(SPEC, win.host())).changes().get(0);

        String diff = repair.preview(win.host()).orElseThrow().render(repair.target());

        assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")))
                .singleElement().asString().startsWith("-leakguard-dns-udp | Outbound | Block | False | UDP | 53 |");
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")))
                .singleElement().asString().startsWith("+leakguard-dns-udp | Outbound | Block | True | UDP | 53 |");
    }

    @Test
    void registryValuesBeforeAndAfter() throws Exception {
        win.registry.key(Keys.DNSCACHE).put(Keys.DNSCACHE, "DisableSmartNameResolution", RegValue.dword(0));
        SmartNameResolutionControl smart = new SmartNameResolutionControl();
        Change dnscache = smart.plan(Specs.smart(), smart.observe(Specs.smart(), win.host())).changes().stream()
                .filter(c -> c.target().equals(Keys.DNSCACHE)).findFirst().orElseThrow();

        assertThat(dnscache.preview(win.host()).orElseThrow().render(dnscache.target())).isEqualTo(
                "DisableSmartNameResolution=REG_DWORD 0x0, DisableParallelAandAAAA absent -> "
                        + "DisableSmartNameResolution=REG_DWORD 0x1, DisableParallelAandAAAA=REG_DWORD 0x1");
    }
}
