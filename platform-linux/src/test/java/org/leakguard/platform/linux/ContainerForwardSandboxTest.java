package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
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
import org.leakguard.agent.spi.Control;

/**
 * The forward path: a namespace standing in for a container (192.0.2.2) is routed through the
 * client namespace, which forwards (ip_forward=1 in that namespace only) to a server namespace
 * holding a pinned resolver and a forbidden one, each a dnsmasq with its own query log. The
 * container's packets never cross the client's output hook, only its forward hook.
 */
@Tag("sandbox")
class ContainerForwardSandboxTest {
    private static final String PINNED = "203.0.113.53";
    private static final String FORBIDDEN = "198.51.100.53";
    private static final String CONTAINER = "192.0.2.2";
    private static final Spec SPEC = BrowserTrees.docker(Specs.blockAll(), PINNED);

    @TempDir
    Path root;

    private final List<Netns> namespaces = new ArrayList<>();
    private final List<Process> daemons = new ArrayList<>();
    private Netns container;
    private Netns client;

    @BeforeEach
    void up() throws Exception {
        assumeTrue(Sandbox.usable("ip", "nft", "dnsmasq", "dig"), Sandbox.why("ip", "nft", "dnsmasq", "dig"));
        container = add(Netns.create("ctr"));
        client = add(Netns.create("fwd"));
        Netns server = add(Netns.create("dns"));
        client.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", server.name());
        client.run("ip", "link", "add", "lgbr0", "type", "veth", "peer", "name", "eth0", "netns", container.name());
        address(client, "lgc0", "198.51.100.2/24", "203.0.113.2/24");
        address(server, "lgs0", FORBIDDEN + "/24", PINNED + "/24");
        address(client, "lgbr0", "192.0.2.1/24");
        address(container, "eth0", CONTAINER + "/24");
        container.run("ip", "route", "add", "default", "via", "192.0.2.1");
        server.run("ip", "route", "add", "192.0.2.0/24", "via", "198.51.100.2");
        Sandbox.check(client.exec("1\n", "tee", "/proc/sys/net/ipv4/ip_forward"), "tee");
        dnsmasq(server, FORBIDDEN);
        dnsmasq(server, PINNED);
        awaitAnswer(FORBIDDEN);
        awaitAnswer(PINNED);
        BrowserTrees.folder(root, "/etc/docker");
    }

    private Netns add(Netns ns) {
        namespaces.add(ns);
        return ns;
    }

    private static void address(Netns ns, String dev, String... cidrs) throws Exception {
        for (String c : cidrs) {
            ns.run("ip", "addr", "add", c, "dev", dev);
        }
        ns.run("ip", "link", "set", dev, "up");
    }

    @AfterEach
    void down() throws Exception {
        for (Process p : daemons) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        for (Netns ns : namespaces) {
            ns.close();
        }
    }

    @Test
    void aContainersQueryToAForeignResolverIsDroppedOnTheForwardHook() throws Exception {
        String hostForward = Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward"));
        assertThat(dig(FORBIDDEN, "before.leakguard.test", false)).as("open before apply").isEqualTo("192.0.2.1");
        assertThat(queries(FORBIDDEN)).as("routed through the client, unmasqueraded")
                .contains("query[A] before.leakguard.test from " + CONTAINER);

        Host host = TestHosts.online(root, new NetnsCommands(client));
        List<Applied> applied = List.of(apply(new FirewallControl(), host), apply(new DockerDnsControl(), host));
        assertThat(BrowserTrees.read(root, DockerDnsControl.DAEMON_JSON)).contains("\"" + PINNED + "\"");
        assertThat(dig(PINNED, "pinned.leakguard.test", false)).isEqualTo("192.0.2.1");
        assertThat(dig(PINNED, "pinned-tcp.leakguard.test", true)).isEqualTo("192.0.2.1");
        assertThat(dig(FORBIDDEN, "leak.leakguard.test", false)).as("UDP to a foreign resolver times out").isNull();
        assertThat(dig(FORBIDDEN, "leak-tcp.leakguard.test", true)).as("TCP too").isNull();
        assertThat(queries(PINNED)).contains("query[A] pinned.leakguard.test from " + CONTAINER)
                .contains("query[A] pinned-tcp.leakguard.test from " + CONTAINER);
        assertThat(queries(FORBIDDEN)).doesNotContain("leak.leakguard.test").doesNotContain("leak-tcp.leakguard.test");

        for (int i = applied.size() - 1; i >= 0; i--) {
            applied.get(i).undo(host);
        }
        assertThat(dig(FORBIDDEN, "after.leakguard.test", false)).as("undo reopens the path").isEqualTo("192.0.2.1");
        assertThat(root.resolve("etc/docker/daemon.json")).doesNotExist();
        assertThat(Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward"))).as("this machine's own value")
                .isEqualTo(hostForward);
    }

    /** One control's changes with their before-images. */
    private record Applied(List<Change> changes, List<BeforeImage> before) {
        void undo(Host host) throws Exception {
            for (int i = changes.size() - 1; i >= 0; i--) {
                changes.get(i).undo(host, before.get(i));
            }
        }
    }

    private static <O> Applied apply(Control<O> control, Host host) throws Exception {
        Assessment a = control.plan(SPEC, control.observe(SPEC, host));
        assertThat(a.changes()).as(control.id()).isNotEmpty();
        return new Applied(a.changes(), BrowserTrees.applyAll(a, host));
    }

    private void dnsmasq(Netns server, String address) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(server.inside(List.of("dnsmasq", "--keep-in-foreground",
                "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + address,
                "--address=/#/192.0.2.1", "--log-queries", "--log-facility=" + log(address),
                "--pid-file=" + root.resolve(address + ".pid"), "--user=root", "--group=root")));
        pb.redirectErrorStream(true).redirectOutput(root.resolve(address + ".out").toFile());
        daemons.add(pb.start());
    }

    private Path log(String address) {
        return root.resolve(address + ".log");
    }

    private String queries(String address) throws Exception {
        return Files.exists(log(address)) ? Files.readString(log(address)) : "";
    }

    private void awaitAnswer(String server) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (dig(server, "ready.leakguard.test", false) != null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("dnsmasq on " + server + " never answered the container");
    }

    /** From the container: the A answer, or null when nothing replied within a second. */
    private String dig(String server, String name, boolean tcp) throws Exception {
        var r = container.exec(null, "dig", "+time=1", "+tries=1", "+short", tcp ? "+tcp" : "+notcp",
                "@" + server, name, "A");
        String out = r.stdout().strip();
        return r.ok() && !out.isEmpty() && !out.startsWith(";") ? out : null;
    }
}
