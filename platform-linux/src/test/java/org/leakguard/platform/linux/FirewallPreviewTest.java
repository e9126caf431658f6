package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Preview;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * What {@code agent plan} shows for the Linux firewall, from captured state: the complete nft
 * ruleset or iptables-restore text that loads, and unified diffs of the boot files.
 */
class FirewallPreviewTest {
    static final String[] LIST = {"nft", "list", "table", "inet", "leakguard"};
    static final String EMPTY_FILTER = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

    @TempDir
    Path root;

    private final FirewallControl control = new FirewallControl();
    // A kernel before 4.17: no routing-rule layer, so these previews show the nft and iptables parts alone.
    private final ScriptedCommands commands = new ScriptedCommands().ok(FirewallControlTest.OLD_KERNEL, "uname", "-r");
    private final Spec spec = Specs.standardFirewall();

    private Assessment plan(Host host) throws Exception {
        return control.plan(spec, control.observe(spec, host));
    }

    private static Change target(Assessment a, String target) {
        return a.changes().stream().filter(c -> c.target().equals(target)).findFirst().orElseThrow();
    }

    @Test
    void aTamperedTableIsReplacedByTheCompleteRuleset() throws Exception {
        commands.ok(Fixtures.text("nft/leakguard-tampered-nft106.json"), FirewallControlTest.LIST_JSON)
                .ok(Fixtures.text("nft/leakguard-older.nft"), LIST);
        Host host = TestHosts.online(root, commands);
        Change load = target(plan(host), WantedTable.QUALIFIED);

        Preview p = load.preview(host).orElseThrow();

        assertThat(p.form()).isEqualTo(Preview.Form.RULESET);
        assertThat(p.before()).isEqualTo(Fixtures.text("nft/leakguard-older.nft"));
        assertThat(p.render(load.target())).isEqualTo("replaces what is loaded now with:\n" + WantedTable.PROLOGUE
                + Fixtures.text("nft/leakguard-standard.golden.nft"));
    }

    @Test
    void anAbsentTableAndANewBootFile() throws Exception {
        commands.fail(1, FirewallControlTest.ABSENT, FirewallControlTest.LIST_JSON).fail(1, FirewallControlTest.ABSENT, LIST);
        Host host = TestHosts.online(root, commands);
        Assessment a = plan(host);

        assertThat(target(a, WantedTable.QUALIFIED).preview(host).orElseThrow().render(WantedTable.QUALIFIED))
                .startsWith("not loaded now; loads:\n" + WantedTable.PROLOGUE).contains("udp dport 53 reject");
        String unit = target(a, BootFiles.UNIT).preview(host).orElseThrow().render(BootFiles.UNIT);
        assertThat(unit).startsWith("--- /dev/null\n+++ b" + BootFiles.UNIT + "\n@@ -0,0 +1,")
                .contains("\n+ExecStart=/usr/sbin/nft -f /etc/leakguard/leakguard.nft\n");
    }

    @Test
    void anOutdatedBootFileIsShownAsAUnifiedDiff() throws Exception {
        Path file = root.resolve(BootFiles.NFT_FILE.substring(1));
        Files.createDirectories(file.getParent());
        String golden = WantedTable.PROLOGUE + Fixtures.text("nft/leakguard-standard.golden.nft");
        Files.writeString(file, golden.replace("udp dport 53 reject", "udp dport 53 accept"));
        commands.ok(Fixtures.text("nft/leakguard-standard-nft106.json"), FirewallControlTest.LIST_JSON);
        Host host = TestHosts.online(root, commands);

        String diff = target(plan(host), BootFiles.NFT_FILE).preview(host).orElseThrow().render(BootFiles.NFT_FILE);

        assertThat(diff).startsWith("--- a" + BootFiles.NFT_FILE + "\n+++ b" + BootFiles.NFT_FILE + "\n@@ -");
        assertThat(diff.lines().filter(l -> l.startsWith("-\t") || l.startsWith("+\t"))).hasSize(4)
                .anySatisfy(l -> assertThat(l).startsWith("-").contains("udp dport 53 accept"))
                .anySatisfy(l -> assertThat(l).startsWith("+").contains("udp dport 53 reject"));
    }

    @Test
    void withoutNftTheIptablesRestoreTextIsShown() throws Exception {
        commands.missing("nft").ok(EMPTY_FILTER, "iptables-save", "-t", "filter").ok(EMPTY_FILTER, "ip6tables-save", "-t", "filter")
                .fail(1, "iptables: Bad rule (does a matching rule exist in that chain?).\n", "iptables", "-w", "-C", "OUTPUT", "-j", IptablesChains.OUT);
        Host host = TestHosts.online(root, commands);
        Assessment a = plan(host);
        Change v4 = a.changes().stream().filter(c -> c.target().startsWith("iptables filter")).findFirst().orElseThrow();

        String shown = v4.preview(host).orElseThrow().render(v4.target());

        assertThat(shown).startsWith("not loaded now; loads:\n*filter\n").contains("-j " + IptablesChains.OUT, "COMMIT");
    }
}
