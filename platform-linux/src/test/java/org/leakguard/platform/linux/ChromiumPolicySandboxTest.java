package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.ScriptedCommands;
import org.leakguard.agent.policy.BrowserDoh;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Debian's real Chromium, headless, in a client namespace whose only resolver is a dnsmasq on a
 * second namespace; a stand-in DoH provider address there counts HTTPS connection attempts. In
 * its own mount and PID namespaces the browser sees the temporary root's resolv.conf and
 * /etc/chromium, and every process it starts dies with it. Nothing can reach beyond the sandbox.
 */
@Tag("sandbox")
class ChromiumPolicySandboxTest {
    private static final String RESOLVER = "198.51.100.53";
    private static final String DOH = "192.0.2.44";
    private static final String BROWSER = "/usr/bin/chromium";
    private static final String CORP_SECURE = "{\"DnsOverHttpsMode\": \"secure\", \"DnsOverHttpsTemplates\": \"https://"
            + DOH + "/dns-query{?dns}\"}";
    private static final Spec OFF = BrowserTrees.browsers(BrowserDoh.OFF);

    @TempDir
    Path root;

    private Netns client;
    private Netns server;
    private Process dnsmasq;
    private Host host;
    private final BrowsersControl control = new BrowsersControl();

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"ip", "nft", "dnsmasq", "unshare", "timeout", "chromium"};
        assumeTrue(Sandbox.usable(tools) && Files.isDirectory(Path.of("/etc/chromium")), Sandbox.why(tools)
                + " (Debian's chromium package, which ships /etc/chromium)");
        client = Netns.create("brc");
        server = Netns.create("brs");
        client.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", server.name());
        client.run("ip", "addr", "add", "198.51.100.2/24", "dev", "lgc0");
        client.run("ip", "addr", "add", "192.0.2.2/24", "dev", "lgc0");
        server.run("ip", "addr", "add", RESOLVER + "/24", "dev", "lgs0");
        server.run("ip", "addr", "add", DOH + "/24", "dev", "lgs0");
        client.run("ip", "link", "set", "lgc0", "up");
        server.run("ip", "link", "set", "lgs0", "up");
        Sandbox.check(server.exec("table inet lgprobe {\n chain input {\n  type filter hook input priority 0;\n"
                + "  ip daddr " + DOH + " tcp dport 443 counter\n }\n}\n", "nft", "-f", "-"), "nft", "-f", "-");
        dnsmasq = new ProcessBuilder(server.inside(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + RESOLVER,
                "--address=/#/192.0.2.80", "--log-queries", "--log-facility=" + root.resolve("dnsmasq.log"),
                "--pid-file=" + root.resolve("dnsmasq.pid"), "--user=root", "--group=root")))
                .redirectErrorStream(true).redirectOutput(root.resolve("dnsmasq.out").toFile()).start();
        BrowserTrees.plant(root, "/etc/resolv.conf", "nameserver " + RESOLVER + "\n");
        BrowserTrees.folder(root, "/etc/chromium");
        host = TestHosts.online(root, new ScriptedCommands());
    }

    @AfterEach
    void down() throws Exception {
        if (dnsmasq != null) {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly();
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
    void withLeakguardsPolicyThePagesNameGoesToThePinnedResolver() throws Exception {
        Assessment a = assess();
        List<BeforeImage> before = BrowserTrees.applyAll(a, host);
        browse("page.leakguard.test");
        assertThat(queried("page.leakguard.test")).as(log()).isTrue();
        BrowserTrees.undoAll(a, before, host);
        assertThat(root.resolve("etc/chromium/policies/managed/leakguard-doh.json")).doesNotExist();
    }

    @Test
    void aPlantedSecureDohPolicyBypassesTheResolverUntilLeakguardsPolicyOverridesIt() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/corp-doh.json", CORP_SECURE);
        browse("leak.leakguard.test");
        assertThat(queried("leak.leakguard.test")).as("secure DoH: the resolver never sees the name").isFalse();
        assertThat(dohAttempts()).as("the browser went to the DoH provider instead").isPositive();

        Assessment a = assess();
        assertThat(a.findings()).extracting(Finding::message).anySatisfy(m -> assertThat(m)
                .contains("corp-doh.json sets DnsOverHttpsMode to \"secure\"; leakguard-doh.json sorts after it and wins"));
        List<BeforeImage> before = BrowserTrees.applyAll(a, host);
        browse("fixed.leakguard.test");
        assertThat(queried("fixed.leakguard.test")).as(log()).isTrue();

        BrowserTrees.undoAll(a, before, host);
        browse("undone.leakguard.test");
        assertThat(queried("undone.leakguard.test")).as("undo brings the planted policy back in force").isFalse();
    }

    @Test
    void aConflictingFileSortedAfterLeakguardsStaysInForceAsReported() throws Exception {
        BrowserTrees.plant(root, "/etc/chromium/policies/managed/zz-doh.json", CORP_SECURE);
        BrowserTrees.applyAll(assess(), host);
        assertThat(assess().status()).isEqualTo(Status.NON_COMPLIANT);
        browse("later.leakguard.test");
        assertThat(queried("later.leakguard.test")).as("the later file wins, as the finding says").isFalse();
        assertThat(dohAttempts()).isPositive();
    }

    private Assessment assess() throws Exception {
        return BrowserTrees.assess(control, OFF, host);
    }

    /** Loads http://NAME/ once in headless Chromium inside the client; returns when it has exited. */
    private void browse(String name) throws Exception {
        Path profile = Files.createTempDirectory(root, "profile");
        List<String> argv = new ArrayList<>(List.of("timeout", "-k", "5", "40", "ip", "netns", "exec", client.name(),
                "unshare", "--mount", "--pid", "--fork", "--kill-child", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /etc/resolv.conf && mount --bind \"$2\" /etc/chromium && shift 2 && exec \"$@\"",
                "sh", root.resolve("etc/resolv.conf").toString(), root.resolve("etc/chromium").toString(), BROWSER,
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--dump-dom",
                "http://" + name + "/"));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("chromium.log").toFile()));
        // Its crash database and caches go under HOME: the machine's /root otherwise, shared by other runs.
        pb.environment().put("HOME", profile.toString());
        pb.environment().put("XDG_CONFIG_HOME", profile.resolve("config").toString());
        pb.environment().put("XDG_CACHE_HOME", profile.resolve("cache").toString());
        Process p = pb.start();
        try {
            assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("chromium exits").isTrue();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Whether dnsmasq logged an A query for the name from the client; waits briefly for the log. */
    private boolean queried(String name) throws Exception {
        String line = "query[A] " + name + " from 198.51.100.2";
        for (int i = 0; i < 10; i++) {
            if (log().contains(line)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    private String log() throws Exception {
        Path log = root.resolve("dnsmasq.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private long dohAttempts() throws Exception {
        String chain = server.run("nft", "list", "chain", "inet", "lgprobe", "input").stdout();
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(chain);
        assertThat(m.find()).as(chain).isTrue();
        return Long.parseLong(m.group(1));
    }
}
