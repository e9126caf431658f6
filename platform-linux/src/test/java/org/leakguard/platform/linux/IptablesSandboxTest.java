package org.leakguard.platform.linux;

import org.leakguard.agent.spi.ControlContract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The iptables fallback against real iptables (both backends), nft hidden, in a namespace of its own. */
@Tag("sandbox")
class IptablesSandboxTest {
    private static final Spec SPEC = Specs.standardFirewall();

    @TempDir
    Path root;

    private Netns ns;
    private Host host;
    private String backend;
    private final FirewallControl control = new FirewallControl();

    private void up(String variant) throws Exception {
        assumeTrue(Sandbox.usable("iptables-" + variant, "ip6tables-" + variant, "ip"),
                Sandbox.why("iptables-" + variant, "ip6tables-" + variant, "ip"));
        backend = variant;
        ns = Netns.create("ipt");
        host = TestHosts.online(root, new IptablesOnlyCommands(new NetnsCommands(ns), variant, root));
    }

    @AfterEach
    void down() throws Exception {
        if (ns != null) {
            ns.close();
        }
    }

    private String save(String family) throws Exception {
        return ns.run(family + "-" + backend + "-save", "-t", "filter").stdout();
    }

    private Assessment assess(Spec spec) throws Exception {
        return control.plan(spec, control.observe(spec, host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "nft"})
    void contractHoldsAndUndoRemovesJumpsAndChainsExactly(String variant) throws Exception {
        up(variant);
        ns.run("iptables-" + backend, "-w", "-A", "OUTPUT", "-p", "udp", "--dport", "5353", "-j", "ACCEPT");
        String before4 = ruleLines(save("iptables"));
        String before6 = ruleLines(save("ip6tables"));
        Assessment first = ControlContract.holds(control, SPEC, host);
        assertThat(first.changes()).extracting(Change::target).contains("iptables filter LEAKGUARD-OUT LEAKGUARD-FWD",
                "ip6tables filter LEAKGUARD-OUT LEAKGUARD-FWD", BootFiles.UNIT);
        assertThat(ruleLines(save("iptables"))).isEqualTo(before4).doesNotContain("LEAKGUARD");
        assertThat(ruleLines(save("ip6tables"))).isEqualTo(before6).doesNotContain("LEAKGUARD");
        assertThat(root.resolve("etc/leakguard")).as("undo removes the folder apply created").doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "nft"})
    void theChainsComeFirstAndTamperingIsRepaired(String variant) throws Exception {
        up(variant);
        apply(assess(SPEC));
        String v4 = save("iptables");
        assertThat(v4).contains("-A OUTPUT -j LEAKGUARD-OUT\n", "-A FORWARD -j LEAKGUARD-FWD\n",
                "-A LEAKGUARD-OUT -d 203.0.113.53/32 -p udp -m udp --dport 53 -m comment --comment \"lg:dns-ok4:203.0.113.53\" -j RETURN",
                "-A LEAKGUARD-OUT -p udp -m udp --dport 53 -m comment --comment \"lg:dns-udp-reject\" -j REJECT --reject-with icmp-port-unreachable");
        assertThat(save("ip6tables")).contains("-d 2001:db8::53/128", "--reject-with icmp6-port-unreachable");
        assertThat(assess(SPEC).status()).isEqualTo(Status.COMPLIANT);

        ns.run("iptables-" + backend, "-w", "-D", "LEAKGUARD-OUT", "-p", "tcp", "--dport", "53", "-m", "comment",
                "--comment", "lg:dns-tcp-reset", "-j", "REJECT", "--reject-with", "tcp-reset");
        ns.run("iptables-" + backend, "-w", "-A", "OUTPUT", "-j", "LEAKGUARD-OUT");
        Assessment tampered = assess(SPEC);
        assertThat(tampered.findings()).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("missing [lg:dns-tcp-reset REJECT tcp-reset]"))
                .anySatisfy(m -> assertThat(m).contains("OUTPUT jumps to LEAKGUARD-OUT 2 times"));
        apply(tampered);
        assertThat(assess(SPEC).status()).isEqualTo(Status.COMPLIANT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "nft"})
    void dnsOverQuicIsRejectedUnlessPinnedOnOutputAndForward(String variant) throws Exception {
        up(variant);
        try (RoutedClient routed = RoutedClient.behind(ns)) {
            // The chains alone: the routing layer would stop the datagram before the chains see it.
            apply(NftSandboxTest.withoutRoutingLayer(assess(SPEC)));
            assertThat(save("iptables")).contains("-A LEAKGUARD-FWD -p udp -m udp --dport 853 -m comment --comment"
                    + " \"lg:doq-udp-reject\" -j REJECT --reject-with icmp-port-unreachable");
            assertThat(save("ip6tables")).contains("-A LEAKGUARD-OUT -p udp -m udp --dport 853 -m comment --comment"
                    + " \"lg:doq-udp-reject\" -j REJECT --reject-with icmp6-port-unreachable");
            for (Netns from : new Netns[] {ns, routed.client()}) {
                assertThat(RoutedClient.udp(from, "192.0.2.99", 853)).as(from.name()).isEqualTo("refused");
                assertThat(RoutedClient.udp(from, "203.0.113.53", 853)).as(from.name()).isEqualTo("silent");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"legacy", "nft"})
    void undoOfANewPolicyPutsThePreviousChainsBack(String variant) throws Exception {
        up(variant);
        apply(assess(SPEC));
        String previous = ruleLines(save("iptables"));
        Spec other = Specs.firewall(Specs.blockAll(), "192.0.2.53");
        Assessment next = assess(other);
        List<BeforeImage> before = apply(next);
        assertThat(ruleLines(save("iptables"))).contains("lg:dns-ok4:192.0.2.53").doesNotContain("lg:dns-ok4:203.0.113.53");
        for (int i = next.changes().size() - 1; i >= 0; i--) {
            next.changes().get(i).undo(host, before.get(i));
        }
        assertThat(ruleLines(save("iptables"))).isEqualTo(previous);
        assertThat(Files.readString(root.resolve("etc/leakguard/leakguard.iptables"))).contains("lg:dns-ok4:203.0.113.53");
    }

    private List<BeforeImage> apply(Assessment a) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : a.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return before;
    }

    /** The listing without its dated comment lines and counters. */
    private static String ruleLines(String save) {
        return String.join("\n", save.lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+]", "")).toList());
    }
}
