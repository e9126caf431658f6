package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The firewall control against real nft, inside a namespace of its own. */
@Tag("sandbox")
class NftSandboxTest {
    private static final Spec SPEC = Specs.standardFirewall();

    @TempDir
    Path root;

    private Netns ns;
    private Host host;
    private final FirewallControl control = new FirewallControl();

    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("nft", "ip"), Sandbox.why("nft", "ip"));
        ns = Netns.create("nft");
        host = TestHosts.online(root, new NetnsCommands(ns));
    }

    @AfterEach
    void down() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private Assessment assess() throws Exception {
        return control.plan(SPEC, control.observe(SPEC, host));
    }

    @Test
    void contractHoldsAndUndoRemovesTheTable() throws Exception {
        ControlContract.holds(control, SPEC, host);
        assertThat(ns.exec(null, "nft", "list", "table", "inet", "leakguard").ok()).isFalse();
        assertThat(ns.run("nft", "-j", "list", "tables").stdout()).doesNotContain("leakguard");
    }

    @Test
    void undoPutsAnOlderTableBackAsListed() throws Exception {
        Sandbox.check(ns.exec(Fixtures.text("nft/leakguard-older.nft"), "nft", "-f", "-"), "nft", "-f", "-");
        String before = ns.run("nft", "list", "table", "inet", "leakguard").stdout();
        assertThat(assess().findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("sets are"));
        ControlContract.holds(control, SPEC, host);
        assertThat(ns.run("nft", "list", "table", "inet", "leakguard").stdout()).isEqualTo(before);
    }

    @Test
    void whatNftPrintsMatchesTheCapturedFixture() throws Exception {
        applyAll(assess());
        String json = ns.run("nft", "-j", "list", "table", "inet", "leakguard").stdout();
        assertThat(NftJson.parseTable(json, "inet", "leakguard")).isEqualTo(
                NftJson.parseTable(Fixtures.text("nft/leakguard-standard-nft106.json"), "inet", "leakguard"));
    }

    @Test
    void tamperingIsSeenAndAReloadRepairsIt() throws Exception {
        applyAll(assess());
        assertThat(assess().status()).isEqualTo(Status.COMPLIANT);

        ns.run("nft", "delete", "rule", "inet", "leakguard", "output", "handle", handleOf("lg:dns-udp-reject"));
        Assessment afterDelete = assess();
        assertThat(afterDelete.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(afterDelete.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("chain output rules are"));
        applyAll(afterDelete);
        assertThat(assess().status()).isEqualTo(Status.COMPLIANT);

        ns.run("nft", "flush", "set", "inet", "leakguard", "dns_ok4");
        assertThat(assess().findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("set dns_ok4 elements differ: missing [9.9.9.9, 198.51.100.53"));
        ns.run("nft", "add", "element", "inet", "leakguard", "dns_ok4", "{ 9.9.9.9, 198.51.100.53, 203.0.113.53 }");
        assertThat(assess().status()).isEqualTo(Status.COMPLIANT);

        ns.run("nft", "add", "element", "inet", "leakguard", "dns_ok4", "{ 192.0.2.0/28 }");
        assertThat(assess().findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("unexpected [192.0.2.0-192.0.2.15]"));
    }

    @Test
    void dnsOverQuicIsRejectedUnlessPinnedOnOutputAndForward() throws Exception {
        try (RoutedClient routed = RoutedClient.behind(ns)) {
            assertThat(RoutedClient.udp(ns, "192.0.2.99", 853)).isEqualTo("silent");
            // The table alone: the routing layer would stop the datagram before the table sees it.
            applyAll(withoutRoutingLayer(assess()));
            for (Netns from : new Netns[] {ns, routed.client()}) {
                assertThat(RoutedClient.udp(from, "192.0.2.99", 853)).as(from.name()).isEqualTo("refused");
                assertThat(RoutedClient.udp(from, "203.0.113.53", 853)).as(from.name()).isEqualTo("silent");
            }
        }
    }

    @Test
    void aRulesetFlushLeavesTheRoutingLayerClosedAndUndoLeavesTheHostsRules() throws Exception {
        ns.run("ip", "rule", "add", "pref", "9000", "to", "192.0.2.0/24", "table", "main");
        String hostRules = ns.run("ip", "rule", "show").stdout();
        try (RoutedClient routed = RoutedClient.behind(ns)) {
            Assessment first = assess();
            assertThat(first.changes()).extracting(Change::target).contains("ip rule protocol 176");
            java.util.List<org.leakguard.agent.change.BeforeImage> before = new java.util.ArrayList<>();
            for (Change c : first.changes()) {
                before.add(c.capture(host));
                c.apply(host);
            }
            assertThat(assess().status()).isEqualTo(Status.COMPLIANT);
            ns.run("nft", "flush", "ruleset");
            for (Netns from : new Netns[] {ns, routed.client()}) {
                for (int port : new int[] {53, 853}) {
                    assertThat(RoutedClient.udp(from, "192.0.2.99", port)).as(from.name() + " " + port).isEqualTo("prohibited");
                    assertThat(RoutedClient.udp(from, "203.0.113.53", port)).as(from.name() + " " + port).isEqualTo("silent");
                }
            }
            for (int i = first.changes().size() - 1; i >= 0; i--) {
                first.changes().get(i).undo(host, before.get(i));
            }
        }
        assertThat(ns.run("ip", "rule", "show").stdout()).isEqualTo(hostRules);
    }

    @Test
    void otherTablesAreLeftAlone() throws Exception {
        String other = "table inet site {\n\tchain output {\n\t\ttype filter hook output priority 10; policy accept;\n"
                + "\t\tudp dport 5353 drop\n\t}\n}\n";
        Sandbox.check(ns.exec(other, "nft", "-f", "-"), "nft", "-f", "-");
        String before = ns.run("nft", "list", "table", "inet", "site").stdout();
        ControlContract.holds(control, SPEC, host);
        assertThat(ns.run("nft", "list", "table", "inet", "site").stdout()).isEqualTo(before);
    }

    static Assessment withoutRoutingLayer(Assessment a) {
        return Assessment.of(a.changes().stream().filter(c -> !(c instanceof SetRouteRules)).toList(), a.findings());
    }

    private void applyAll(Assessment a) throws Exception {
        for (Change c : a.changes()) {
            c.apply(host);
        }
    }

    private String handleOf(String comment) throws Exception {
        String listing = ns.run("nft", "-a", "list", "chain", "inet", "leakguard", "output").stdout();
        Matcher m = Pattern.compile("comment \"" + Pattern.quote(comment) + "\" # handle (\\d+)").matcher(listing);
        assertThat(m.find()).as(listing).isTrue();
        return m.group(1);
    }
}
