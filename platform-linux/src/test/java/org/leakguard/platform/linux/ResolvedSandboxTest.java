package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Status;

/**
 * The resolvers control against the real systemd-resolved: which upstream each fresh name
 * reaches, read from each dnsmasq's query log. systemctl does not run here, so the control's
 * {@code systemctl restart systemd-resolved} restarts the sandboxed daemon instead.
 */
@Tag("sandbox")
class ResolvedSandboxTest {
    private static final String PINNED = "203.0.113.53";
    private static final String DHCP = "198.51.100.53";
    /** Stands in for a public resolver: a fallback, or a server an image put in resolved.conf. */
    private static final String OTHER = "192.0.2.99";
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path root;

    private ResolvedSandbox sandbox;

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"ip", "dnsmasq", "dig", "unshare", "nsenter", "mount", "apt-get", "dpkg"};
        assumeTrue(Sandbox.usable(tools), Sandbox.why(tools));
        Path unpacked = UnpackedDeb.require("systemd-resolved", "systemd");
        assumeTrue(Files.isDirectory(Path.of("/etc/systemd")), "skipped: systemd-resolved needs systemd's shared library");
        sandbox = ResolvedSandbox.start(root, unpacked, PINNED, DHCP, OTHER);
        Files.createDirectories(root.resolve("run/systemd/system"));
        Files.createDirectories(root.resolve("etc"));
        Files.createSymbolicLink(root.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));
    }

    @AfterEach
    void down() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void afterApplyOnlyThePinnedResolverIsAskedAndUndoBringsTheLeakBack() throws Exception {
        leaksBeforeApply();
        Spec spec = Specs.resolversOnly(Specs.resolvers(List.of("corp.example"), true, PINNED));
        Host host = TestHosts.online(root, restartsTheSandbox());
        ResolversControl control = new ResolversControl();
        Assessment plan = control.plan(spec, control.observe(spec, host));
        assertThat(plan.changes()).extracting(Change::target)
                .containsExactly(ResolvedDropIn.PATH, "systemctl restart systemd-resolved");
        List<BeforeImage> before = apply(plan, host);

        for (int i = 0; i < 5; i++) {
            String name = fresh();
            assertThat(sandbox.lookup(name)).isEqualTo("192.0.2.1");
            assertThat(sandbox.asked(PINNED, name)).as("%s reached the pinned resolver", name).isTrue();
            assertThat(sandbox.asked(DHCP, name)).as("%s never reached the DHCP resolver", name).isFalse();
            assertThat(sandbox.asked(OTHER, name)).as("%s never reached resolved.conf's server", name).isFalse();
        }
        assertThat(sandbox.daemonLog()).doesNotContain("protocol llmnr").doesNotContain("protocol mdns");
        Assessment held = control.plan(spec, control.observe(spec, host));
        assertThat(held.status()).isEqualTo(Status.COMPLIANT);
        assertThat(held.findings()).extracting(f -> f.message()).as("a daemon without a bus is not asked").anySatisfy(m ->
                assertThat(m).startsWith("judged from the file " + ResolvedDropIn.PATH + " alone: the system bus does not answer")
                        .contains("Failed to connect to bus"));

        undo(plan, before, host);
        assertThat(Files.exists(root.resolve(ResolvedDropIn.PATH.substring(1)))).isFalse();
        String after = fresh();
        sandbox.lookup(after);
        assertThat(sandbox.asked(DHCP, after)).as("rolled back: the DHCP server is asked again").isTrue();
    }

    /**
     * The leaks the drop-in closes: with nothing configured the fallback list is asked (Debian
     * compiles an empty one; OTHER stands in for upstream's public list), and a drop-in with only
     * DNS= leaves the per-link server asked in parallel and adds to resolved.conf's list.
     */
    private void leaksBeforeApply() throws Exception {
        conf("[Resolve]\nFallbackDNS=" + OTHER + "\n");
        sandbox.restart();
        String first = fresh();
        sandbox.lookup(first);
        assertThat(sandbox.asked(OTHER, first)).as("nothing configured: the fallback list is used").isTrue();
        assertThat(sandbox.daemonLog()).contains("protocol llmnr");

        conf("[Resolve]\nDNS=" + OTHER + "\n");
        dhcpServer(DHCP);
        Path naiveDropIn = root.resolve("etc/systemd/resolved.conf.d/50-naive.conf");
        Files.writeString(naiveDropIn, "[Resolve]\nDNS=" + PINNED + "\n");
        sandbox.restart();
        String naive = fresh();
        sandbox.lookup(naive);
        assertThat(sandbox.asked(DHCP, naive)).as("without Domains=~. the per-link server is asked too").isTrue();
        assertThat(sandbox.asked(OTHER, naive)).as("DNS= adds to resolved.conf's list").isTrue();
        Files.delete(naiveDropIn);
    }

    @Test
    void dotIsStrictAndNeverFallsBackToPlainDns() throws Exception {
        conf("[Resolve]\n");
        dhcpServer(DHCP);
        Spec spec = Specs.resolversOnly(new Resolvers(Specs.ips(PINNED), List.of(), null, true, Encryption.DOT,
                "dns.corp.example", null));
        Host host = TestHosts.online(root, restartsTheSandbox());
        ResolversControl control = new ResolversControl();
        apply(control.plan(spec, control.observe(spec, host)), host);

        String name = fresh();
        assertThat(sandbox.lookup(name)).as("no TLS server answers on 853: the lookup fails").isNull();
        assertThat(sandbox.asked(PINNED, name)).as("no plain query on port 53").isFalse();
        assertThat(sandbox.asked(DHCP, name)).isFalse();
        assertThat(sandbox.daemonLog()).contains("203.0.113.53#dns.corp.example");
    }

    /** systemctl restarts the sandboxed daemon; busctl runs inside the sandbox, which has no bus. */
    private Commands restartsTheSandbox() {
        return command -> {
            if (command.argv().equals(ResolvedBus.HAS_OWNER)) {
                return sandbox.inside(command.argv());
            }
            if (!command.argv().equals(ResolvedPlan.RESTART)) {
                throw new AssertionError("unexpected command: " + command);
            }
            try {
                sandbox.restart();
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
            return new CommandResult(0, "", "");
        };
    }

    /** Apply as the engine does: each before-image first. */
    private static List<BeforeImage> apply(Assessment plan, Host host) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : plan.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return before;
    }

    /** Roll back as the engine does: undo in reverse, then every reload once more. */
    private static void undo(Assessment plan, List<BeforeImage> before, Host host) throws Exception {
        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }
        for (Change c : plan.changes()) {
            if (c instanceof Reload) {
                c.apply(host);
            }
        }
    }

    private void conf(String text) throws Exception {
        Files.writeString(root.resolve("etc/systemd/resolved.conf"), text);
    }

    /** A per-link server as networkd hands one to resolved from a DHCP lease, without D-Bus. */
    private void dhcpServer(String address) throws Exception {
        Files.writeString(root.resolve("run/systemd/netif/links/" + sandbox.linkIndex()),
                "ADMIN_STATE=configured\nOPER_STATE=routable\nCARRIER_STATE=carrier\nADDRESS_STATE=routable\n"
                        + "REQUIRED_FOR_ONLINE=yes\nDNS=" + address + "\nDOMAINS=\nROUTE_DOMAINS=\nLLMNR=yes\nMDNS=no\n");
    }

    private static String fresh() {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id) + ".leaktest.example";
    }
}
