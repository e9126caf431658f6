package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;

/**
 * Real DNS packets: a client namespace and a server namespace joined by a veth pair, dnsmasq
 * answering on an allowed resolver, a forbidden one (each also over IPv6) and a stand-in DoH
 * address (port 443). Only
 * documentation addresses are used; nothing leaves the two namespaces.
 */
@Tag("sandbox")
class DnsLeakSandboxTest {
    private static final String ALLOWED = "198.51.100.53";
    private static final String FORBIDDEN = "192.0.2.53";
    private static final String DOH = "192.0.2.44";
    private static final String ALLOWED6 = "2001:db8::53";
    private static final String FOREIGN6 = "2001:db8:1::53";

    @TempDir
    Path root;

    private Netns client;
    private Netns server;
    private final List<Process> daemons = new ArrayList<>();

    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("nft", "ip", "dnsmasq", "dig"), Sandbox.why("nft", "ip", "dnsmasq", "dig"));
        client = Netns.create("cli");
        server = Netns.create("srv");
        client.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", server.name());
        client.run("ip", "addr", "add", "198.51.100.2/24", "dev", "lgc0");
        client.run("ip", "addr", "add", "192.0.2.2/24", "dev", "lgc0");
        client.run("ip", "-6", "addr", "add", "2001:db8::2/64", "dev", "lgc0", "nodad");
        client.run("ip", "-6", "addr", "add", "2001:db8:1::2/64", "dev", "lgc0", "nodad");
        for (String a : List.of(ALLOWED + "/24", FORBIDDEN + "/24", DOH + "/24")) {
            server.run("ip", "addr", "add", a, "dev", "lgs0");
        }
        for (String a : List.of(ALLOWED6 + "/64", FOREIGN6 + "/64")) {
            server.run("ip", "-6", "addr", "add", a, "dev", "lgs0", "nodad");
        }
        client.run("ip", "link", "set", "lgc0", "up");
        server.run("ip", "link", "set", "lgs0", "up");
        dnsmasq("53", ALLOWED, FORBIDDEN, ALLOWED6, FOREIGN6);
        dnsmasq("443", DOH);
        awaitAnswer(ALLOWED, "53");
        awaitAnswer(FORBIDDEN, "53");
        awaitAnswer(FOREIGN6, "53");
        awaitAnswer(DOH, "443");
    }

    @AfterEach
    void down() throws Exception {
        for (Process p : daemons) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlyThePinnedResolverAnswersAndUndoReopensTheRest() throws Exception {
        Spec spec = Specs.firewall(Specs.blockAll(DOH), ALLOWED);
        Host host = TestHosts.online(root, new NetnsCommands(client));
        Assessment plan = plan(spec, host);
        List<BeforeImage> before = apply(plan, host);

        assertThat(dig(ALLOWED, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(ALLOWED, "53", true)).isEqualTo("192.0.2.1");
        assertThat(dig(FORBIDDEN, "53", false)).as("plain DNS to another resolver is rejected").isNull();
        assertThat(dig(FORBIDDEN, "53", true)).as("DNS over TCP too").isNull();
        assertThat(dig(DOH, "443", false)).as("UDP 443 to a DoH address is rejected").isNull();

        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }
        assertThat(dig(FORBIDDEN, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(DOH, "443", false)).isEqualTo("192.0.2.1");
    }

    /** Rejected, not dropped: dig gets ICMP port unreachable or a TCP reset and gives up at once. */
    @Test
    void aBlockedResolverFailsFastInsteadOfTimingOut() throws Exception {
        Host host = TestHosts.online(root, new NetnsCommands(client));
        apply(plan(Specs.firewall(Specs.blockAll(DOH), ALLOWED), host), host);
        for (boolean tcp : new boolean[] {false, true}) {
            long start = System.nanoTime();
            var r = client.exec(null, "dig", "+time=5", "+tries=1", tcp ? "+tcp" : "+notcp", "@" + FORBIDDEN,
                    "fast.leakguard.test", "A");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exitCode()).as(r.stdout()).isNotZero();
            assertThat(ms).as("dig %s to a blocked resolver, timeout 5 s", tcp ? "TCP" : "UDP").isLessThan(1500);
        }
    }

    /** ipv6: keep with the firewall: IPv6 DNS reaches the pinned IPv6 server and nothing else. */
    @Test
    void ipv6KeptStillReachesOnlyThePinnedIpv6Resolver() throws Exception {
        Spec spec = new Spec(Specs.resolvers(List.of(), true, ALLOWED, ALLOWED6), null, Toggle.KEEP,
                Specs.blockAll(), null, null);
        Host host = TestHosts.online(root, new NetnsCommands(client));
        apply(plan(spec, host), host);
        assertThat(dig(ALLOWED6, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(FOREIGN6, "53", false)).as("UDP to a foreign IPv6 resolver").isNull();
        assertThat(dig(FOREIGN6, "53", true)).as("TCP to a foreign IPv6 resolver").isNull();
    }

    /** Without nft, the iptables fallback rejects the same traffic, and undo takes every chain away. */
    @Test
    void withoutNftTheIptablesFallbackRejectsTheSameTraffic() throws Exception {
        assumeTrue(Sandbox.usable("iptables-legacy", "ip6tables-legacy"), Sandbox.why("iptables-legacy"));
        Spec spec = Specs.firewall(Specs.blockAll(DOH), ALLOWED, ALLOWED6);
        Host host = TestHosts.online(root, new IptablesOnlyCommands(new NetnsCommands(client), "legacy", root));
        Assessment plan = plan(spec, host);
        List<BeforeImage> before = apply(plan, host);
        assertThat(dig(ALLOWED, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(ALLOWED6, "53", true)).isEqualTo("192.0.2.1");
        long start = System.nanoTime();
        assertThat(dig(FORBIDDEN, "53", false)).isNull();
        assertThat(dig(FORBIDDEN, "53", true)).isNull();
        assertThat(dig(FOREIGN6, "53", false)).isNull();
        assertThat(dig(DOH, "443", false)).isNull();
        assertThat((System.nanoTime() - start) / 1_000_000).as("four rejected queries").isLessThan(1500);
        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }
        assertThat(client.run("iptables-legacy-save").stdout() + client.run("ip6tables-legacy-save").stdout())
                .doesNotContain("LEAKGUARD");
        assertThat(dig(FORBIDDEN, "53", false)).isEqualTo("192.0.2.1");
    }

    private static Assessment plan(Spec spec, Host host) throws Exception {
        FirewallControl control = new FirewallControl();
        return control.plan(spec, control.observe(spec, host));
    }

    private static List<BeforeImage> apply(Assessment plan, Host host) throws Exception {
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : plan.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }
        return before;
    }

    private void dnsmasq(String port, String... addresses) throws Exception {
        List<String> argv = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--port=" + port, "--address=/#/192.0.2.1",
                "--pid-file=" + root.resolve("dnsmasq-" + port + ".pid")));
        for (String a : addresses) {
            argv.add("--listen-address=" + a);
        }
        ProcessBuilder pb = new ProcessBuilder(server.inside(argv));
        pb.redirectErrorStream(true).redirectOutput(root.resolve("dnsmasq-" + port + ".log").toFile());
        daemons.add(pb.start());
    }

    private void awaitAnswer(String address, String port) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (dig(address, port, false) != null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dnsmasq on " + address + ":" + port + " never answered");
    }

    /** The A answer, or null when no server replied within a second. */
    private String dig(String server, String port, boolean tcp) throws Exception {
        var r = client.exec(null, "dig", "+time=1", "+tries=1", "+short", tcp ? "+tcp" : "+notcp",
                "-p", port, "@" + server, "probe.leakguard.test", "A");
        String out = r.stdout().strip();
        return r.ok() && !out.isEmpty() && !out.startsWith(";") ? out : null;
    }
}
