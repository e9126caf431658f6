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
import org.leakguard.agent.spi.Assessment;

/**
 * Real DNS packets: a client namespace and a server namespace joined by a veth pair, dnsmasq
 * answering on an allowed resolver, a forbidden one and a stand-in DoH address (port 443). Only
 * documentation addresses are used; nothing leaves the two namespaces.
 */
@Tag("sandbox")
class DnsLeakSandboxTest {
    private static final String ALLOWED = "198.51.100.53";
    private static final String FORBIDDEN = "192.0.2.53";
    private static final String DOH = "192.0.2.44";

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
        for (String a : List.of(ALLOWED + "/24", FORBIDDEN + "/24", DOH + "/24")) {
            server.run("ip", "addr", "add", a, "dev", "lgs0");
        }
        client.run("ip", "link", "set", "lgc0", "up");
        server.run("ip", "link", "set", "lgs0", "up");
        dnsmasq("53", ALLOWED, FORBIDDEN);
        dnsmasq("443", DOH);
        awaitAnswer(ALLOWED, "53");
        awaitAnswer(FORBIDDEN, "53");
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
        FirewallControl control = new FirewallControl();
        Assessment plan = control.plan(spec, control.observe(spec, host));
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : plan.changes()) {
            before.add(c.capture(host));
            c.apply(host);
        }

        assertThat(dig(ALLOWED, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(ALLOWED, "53", true)).isEqualTo("192.0.2.1");
        assertThat(dig(FORBIDDEN, "53", false)).as("plain DNS to another resolver is dropped").isNull();
        assertThat(dig(FORBIDDEN, "53", true)).as("DNS over TCP too").isNull();
        assertThat(dig(DOH, "443", false)).as("UDP 443 to a DoH address is dropped").isNull();

        for (int i = plan.changes().size() - 1; i >= 0; i--) {
            plan.changes().get(i).undo(host, before.get(i));
        }
        assertThat(dig(FORBIDDEN, "53", false)).isEqualTo("192.0.2.1");
        assertThat(dig(DOH, "443", false)).isEqualTo("192.0.2.1");
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
        for (int i = 0; i < 20; i++) {
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
