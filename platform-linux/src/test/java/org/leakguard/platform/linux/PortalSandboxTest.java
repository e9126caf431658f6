package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The captive-portal window against real nft, the real policy-routing layer, a real dhclient
 * lease and a real DNS server: it opens to what the lease names only, and the kernel closes it
 * at its timeout with no agent running; the journal shows the opening and the close.
 */
@Tag("sandbox")
class PortalSandboxTest extends PortalLabTest {
    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("nft", "ip", "dnsmasq", "dig", "dhclient"), Sandbox.why("nft", "ip", "dnsmasq", "dig", "dhclient"));
        lab = ResolverLab.start(tmp);
        Path root = tmp.resolve("root");
        host = VpnLaptop.host(root, new NetnsCommands(lab.laptop()));
        lab.lease(root.resolve("var/lib/dhcp/dhclient.leases"));
        policy = VpnLaptop.policy(null, "10m");
        VpnLaptop.applyFirewall(policy, host);
        state = VpnLaptop.portalState(tmp);
    }

    private String network(String name) throws Exception {
        return ResolverLab.outcome(lab.laptop(), ResolverLab.DHCP_RESOLVER, name);
    }

    @Test
    void theWindowOpensToTheLeasedResolverOnlyAndTheKernelClosesItWithNoAgentRunning() throws Exception {
        assertThat(network("before.example")).isEqualTo("prohibited");
        Portals.Opened opened = portals().open(policy, VpnLaptop.SHORT_WINDOW);
        assertThat(opened.resolvers()).extracting(r -> r.address().getHostAddress() + " " + r.source())
                .containsExactly(ResolverLab.DHCP_RESOLVER + " /var/lib/dhcp/dhclient.leases");
        assertThat(network("hotel-login.example")).isEqualTo("answered");
        assertThat(ResolverLab.outcome(lab.laptop(), ResolverLab.OTHER, "elsewhere.example")).isIn("refused", "prohibited");
        assertThat(lab.laptop().run("ip", "rule", "show", "pref", "99").stdout()).contains("to " + ResolverLab.DHCP_RESOLVER);

        // No agent runs from here on: the kernel drops the element at its timeout.
        Instant until = Instant.parse(opened.until());
        DhcpLab.await("the kernel closing the window", VpnLaptop.CLOSE_WITHIN_SECONDS, () -> VpnLaptop.windowClosed(host));
        assertThat(Instant.now()).as("never before the journaled end").isAfterOrEqualTo(until);
        assertThat(network("after.example")).isEqualTo("refused");
        assertThat(lab.queryLog()).contains("hotel-login.example").doesNotContain("before.example").doesNotContain("after.example")
                .doesNotContain("elsewhere.example");
        assertThat(portals().status().open()).isFalse();

        // The first run after records the close, and takes the routing rule it left away.
        List<String> said = portals().recover();
        assertThat(said).singleElement().satisfies(s -> assertThat(s).contains("closed by the kernel at " + opened.until()));
        assertThat(lab.laptop().run("ip", "rule", "show", "pref", "99").stdout()).isBlank();
        List<Transaction> journal = state.list();
        assertThat(journal).hasSize(2).allMatch(t -> t.state() == Transaction.State.COMMITTED);
        PortalWindow.Step open = (PortalWindow.Step) journal.get(0).intents().get(0).change();
        PortalWindow.Step close = (PortalWindow.Step) journal.get(1).intents().get(0).change();
        assertThat(open.addresses()).containsExactly(ResolverLab.DHCP_RESOLVER);
        assertThat(open.until()).isEqualTo(opened.until());
        assertThat(close.until()).isNull();
        assertThat(close.summary()).contains("closed by the kernel at " + opened.until());
        assertThat(journal.get(0).intents().get(0).before()).isEqualTo(new PortalImage(List.of(), List.of()));
        assertThat(portals().recover()).as("recorded once").isEmpty();
    }

    @Test
    void closeEndsTheWindowAtOnceAndUndoOfAnOpeningIsExact() throws Exception {
        portals().open(policy, Duration.ofSeconds(60));
        assertThat(network("open.example")).isEqualTo("answered");
        assertThat(portals().close(policy)).singleElement().satisfies(s -> assertThat(s).contains("closed early"));
        assertThat(network("closed.example")).isEqualTo("prohibited");
        assertThat(portals().close(policy)).containsExactly("no captive-portal window is open");

        Portals.Opened again = portals().open(policy, Duration.ofSeconds(60));
        ChangeJournal journal = new ChangeJournal(host, state, Clock.systemUTC());
        Transaction tx = journal.all().stream().filter(t -> t.id().equals(again.transaction())).findFirst().orElseThrow();
        assertThat(journal.undo(tx, "test")).isEmpty();
        assertThat(VpnLaptop.windowClosed(host)).isTrue();
        assertThat(network("undone.example")).isEqualTo("prohibited");

        // An apply that reloads the table empties the window before its end: the next run records that too.
        portals().open(policy, Duration.ofSeconds(60));
        lab.laptop().run("nft", "delete", "table", "inet", "leakguard");
        VpnLaptop.applyFirewall(policy, host);
        assertThat(network("reloaded.example")).as("the table rejects; the window's routing rule is still there").isEqualTo("refused");
        assertThat(portals().recover()).singleElement().satisfies(s -> assertThat(s).contains("found closed at")
                .contains("the kernel no longer holds it"));
        assertThat(lab.laptop().run("ip", "rule", "show", "pref", "99").stdout()).isBlank();
        assertThat(network("recorded.example")).isEqualTo("prohibited");

        // With the table gone altogether (a rollback), the close is recorded all the same, and only once.
        portals().open(policy, Duration.ofSeconds(60));
        lab.laptop().run("nft", "delete", "table", "inet", "leakguard");
        assertThat(portals().recover()).singleElement().satisfies(s -> assertThat(s).contains("found closed at"));
        assertThat(portals().recover()).isEmpty();
        assertThat(lab.laptop().run("ip", "rule", "show", "pref", "99").stdout()).isBlank();
    }

    @Test
    void aWindowThePolicyDoesNotAllowIsRefusedAndNothingChanges() throws Exception {
        String before = lab.laptop().run("nft", "list", "ruleset").stdout();
        assertThatThrownBy(() -> portals().open(policy, Duration.ofMinutes(11))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--for 11m is longer than spec.firewall.portal.maxWindow (10m)");
        LoadedPolicy none = VpnLaptop.policy(null, null);
        assertThatThrownBy(() -> portals().open(none, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec.firewall.portal is not set");
        assertThat(lab.laptop().run("nft", "list", "ruleset").stdout()).isEqualTo(before);
        assertThat(state.list()).isEmpty();
        assertThat(network("refused.example")).isEqualTo("prohibited");
    }
}
