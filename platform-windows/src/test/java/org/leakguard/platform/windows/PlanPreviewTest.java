package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.policy.Spec;

/** What {@code agent plan} shows for Windows changes: firewall rules as rows of a table, registry values before -> after. */
class PlanPreviewTest {
    private static final Spec SPEC = Specs.firewall("203.0.113.53", "2001:db8::53");
    private static final String DNS_UDP = "Windows Firewall rule leakguard-dns-udp";

    private final FirewallControl firewall = new FirewallControl();
    private final FakeWindows win = new FakeWindows();

    private List<Change> plan() throws Exception {
        return firewall.plan(SPEC, firewall.observe(SPEC, win.host())).changes();
    }

    private static Change named(List<Change> changes, String target) {
        return changes.stream().filter(c -> c.target().equals(target)).findFirst().orElseThrow();
    }

    @Test
    void eachNewRuleIsARowOfTheRulesTable() throws Exception {
        List<Change> changes = plan();
        Preview p = named(changes, DNS_UDP).preview(win.host()).orElseThrow();

        assertThat(p.form()).isEqualTo(Preview.Form.TABLE);
        assertThat(p.before()).as("no such rule yet").isNull();
        assertThat(p.render(DNS_UDP)).isEqualTo("--- /dev/null\n+++ " + DNS_UDP + " (after apply)\n@@ -0,0 +1,2 @@\n+"
                + FirewallTable.HEADER + "\n+leakguard-dns-udp | Outbound | Block | True | UDP | 53 | 0.0.0.0-126.255.255.255,"
                + "128.0.0.0-203.0.113.52,203.0.113.54-255.255.255.255,::2-2001:db8::52,2001:db8::54-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | Any\n");
        for (Change c : changes) {
            assertThat(c.preview(win.host()).orElseThrow().render(c.target())).as(c.target()).contains("| Outbound | Block | True |");
        }
        assertThat(win.fw.persistent).as("a preview changes nothing").isEmpty();
    }

    @Test
    void aTamperedRuleIsShownAsItIsAndAsItWillBe() throws Exception {
        for (Change c : plan()) {
            c.apply(win.host());
        }
        for (int i = 0; i < win.fw.persistent.size(); i++) {
            if (win.fw.persistent.get(i).name().equals("leakguard-dns-udp")) {
                win.fw.persistent.set(i, win.fw.persistent.get(i).with(FakeRule.Enabled.False));
            }
        }
        Change repair = named(plan(), DNS_UDP);

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
        Change dnscache = named(smart.plan(Specs.smart(), smart.observe(Specs.smart(), win.host())).changes(), Keys.DNSCACHE);

        assertThat(dnscache.preview(win.host()).orElseThrow().render(dnscache.target())).isEqualTo(
                "DisableSmartNameResolution=REG_DWORD 0x0, DisableParallelAandAAAA absent -> "
                        + "DisableSmartNameResolution=REG_DWORD 0x1, DisableParallelAandAAAA=REG_DWORD 0x1");
    }
}
