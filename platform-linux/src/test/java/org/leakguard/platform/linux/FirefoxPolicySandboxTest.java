package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
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
import org.leakguard.agent.policy.Browsers;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;

/**
 * Debian's real firefox-esr, headless, in a client namespace whose only resolver is a dnsmasq on
 * a second namespace; a stand-in DoH provider address there counts HTTPS packets. The temporary
 * root is laid out like a Debian host with firefox-esr installed and no /etc/firefox, and Firefox
 * reads that root's resolv.conf and /etc/firefox (see {@link FirefoxHeadless}). Nothing can reach
 * beyond the sandbox.
 */
@Tag("sandbox")
class FirefoxPolicySandboxTest {
    private static final String RESOLVER = "198.51.100.53";
    private static final String DOH = "192.0.2.44";
    private static final String DOH_URL = "https://" + DOH + "/dns-query";
    private static final String POLICIES = FirefoxPolicies.SYSTEM;
    /** DoH only: Fallback false is what keeps Firefox from asking the system once DoH fails. */
    private static final String CORP_DOH_ONLY = "{\"policies\": {\"DisableTelemetry\": true, \"DNSOverHTTPS\":"
            + " {\"Enabled\": true, \"ProviderURL\": \"" + DOH_URL + "\", \"Fallback\": false}}}\n";
    private static final Spec OFF = BrowserTrees.browsers(BrowserDoh.OFF);
    /**
     * With fallback allowed Firefox asked the system about 1.5 s after its first DoH packet on a quiet
     * machine, 6.5 s after it on a loaded one; a name still unasked this long after that went
     * nowhere but DoH.
     */
    private static final Duration SETTLE = Duration.ofSeconds(10);
    private static final Duration LIMIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private Netns client;
    private Netns server;
    private Process dnsmasq;
    private Host host;
    private FirefoxHeadless firefox;
    private final BrowsersControl control = new BrowsersControl();

    /** Since the browser started: now, the first packet to the DoH address, the first query for the name. */
    private record Seen(Duration now, Duration doh, Duration query) {}

    @BeforeEach
    void up() throws Exception {
        String[] tools = {"ip", "nft", "dnsmasq", "unshare", "timeout", "firefox-esr"};
        assumeTrue(Sandbox.usable(tools) && ResolvconfSandbox.overlaySupported(), Sandbox.why(tools)
                + " (Debian's firefox-esr package) and overlayfs");
        client = Netns.create("ffc");
        server = Netns.create("ffs");
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
        BrowserTrees.plant(root, "/usr/lib/firefox-esr/firefox-esr", "");
        host = TestHosts.online(root, new ScriptedCommands());
        firefox = new FirefoxHeadless(client, root);
    }

    @AfterEach
    void down() throws Exception {
        try {
            if (dnsmasq != null) {
                dnsmasq.destroy();
                if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                    dnsmasq.destroyForcibly();
                    dnsmasq.waitFor(5, TimeUnit.SECONDS);
                }
            }
            List<ProcessHandle> strays = FirefoxHeadless.strays(root);
            strays.forEach(ProcessHandle::destroyForcibly);
            assertThat(strays).as("processes left running").isEmpty();
        } finally {
            try {
                if (client != null) {
                    client.close();
                }
            } finally {
                if (server != null) {
                    server.close();
                }
            }
        }
    }

    @Test
    void withLeakguardsPolicyThePagesNameGoesToThePinnedResolver() throws Exception {
        Assessment a = BrowserTrees.assess(control, OFF, host);
        List<BeforeImage> before = BrowserTrees.applyAll(a, host);
        assertThat(BrowserTrees.read(root, POLICIES)).contains("\"Enabled\": false");
        asksTheResolver("page.leakguard.test");
        BrowserTrees.undoAll(a, before, host);
        assertThat(root.resolve(POLICIES.substring(1))).doesNotExist();
    }

    @Test
    void aPlantedDohOnlyPolicyBypassesTheResolverUntilLeakguardsPolicyOverridesIt() throws Exception {
        BrowserTrees.plant(root, POLICIES, CORP_DOH_ONLY);
        goesOnlyToDoh("leak.leakguard.test");

        Assessment a = BrowserTrees.assess(control, OFF, host);
        List<BeforeImage> before = BrowserTrees.applyAll(a, host);
        assertThat(BrowserTrees.read(root, POLICIES)).contains("\"DisableTelemetry\": true");
        asksTheResolver("fixed.leakguard.test");

        BrowserTrees.undoAll(a, before, host);
        assertThat(BrowserTrees.read(root, POLICIES)).isEqualTo(CORP_DOH_ONLY);
        goesOnlyToDoh("undone.leakguard.test");
    }

    @Test
    void withFallbackAllowedFirefoxAsksTheResolverSoonAfterDohFails() throws Exception {
        BrowserTrees.plant(root, POLICIES, "{\"policies\": {\"DNSOverHTTPS\": {\"Enabled\": true, \"ProviderURL\": \""
                + DOH_URL + "\"}}}\n");
        Seen s = watch("fallback.leakguard.test", x -> x.query() != null);
        assertThat(s.doh()).as("DoH is tried first; " + firefox.log()).isNotNull();
        assertThat(s.query()).as("then the system: " + log()).isNotNull();
        assertThat(s.query().minus(s.doh())).as("the wait the DoH-only checks allow is long enough").isLessThan(SETTLE);
    }

    @Test
    void resolverModeSendsNamesOnlyToThePoliciesDohUrl() throws Exception {
        Resolvers r = new Resolvers(Specs.ips(RESOLVER), List.of(), null, true, null, null, DOH_URL + "{?dns}");
        Spec spec = new Spec(r, null, null, null, new Browsers(BrowserDoh.RESOLVER), null);
        BrowserTrees.applyAll(BrowserTrees.assess(control, spec, host), host);
        assertThat(BrowserTrees.read(root, POLICIES)).contains("\"ProviderURL\": \"" + DOH_URL + "\"");
        goesOnlyToDoh("secure.leakguard.test");
    }

    /** Firefox looked the name up through the system, and sent nothing to the DoH address. */
    private void asksTheResolver(String name) throws Exception {
        Seen s = watch(name, x -> x.query() != null);
        assertThat(s.query()).as("the resolver saw " + name + "; dnsmasq: " + log() + "firefox: " + firefox.log())
                .isNotNull();
        assertThat(s.doh()).as("no packet to the DoH address").isNull();
    }

    /** Firefox went to the DoH address, and for SETTLE after that the resolver never saw the name. */
    private void goesOnlyToDoh(String name) throws Exception {
        Seen s = watch(name, x -> x.query() != null
                || (x.doh() != null && x.now().minus(x.doh()).compareTo(SETTLE) >= 0));
        assertThat(s.doh()).as("packets to the DoH address; firefox: " + firefox.log()).isNotNull();
        Thread.sleep(200);
        assertThat(queried(name)).as("the resolver never saw " + name + "; dnsmasq: " + log()).isFalse();
    }

    private Seen watch(String name, Predicate<Seen> enough) throws Exception {
        long start = System.nanoTime();
        long dohBefore = dohPackets();
        Seen[] seen = {new Seen(Duration.ZERO, null, null)};
        firefox.browse(name, LIMIT, () -> {
            Seen s = seen[0];
            Duration now = Duration.ofNanos(System.nanoTime() - start);
            Duration doh = s.doh() == null && dohPackets() > dohBefore ? now : s.doh();
            Duration query = s.query() == null && queried(name) ? now : s.query();
            seen[0] = new Seen(now, doh, query);
            return enough.test(seen[0]);
        });
        return seen[0];
    }

    /** Whether dnsmasq logged an A query for the name from the client. */
    private boolean queried(String name) throws Exception {
        return log().contains("query[A] " + name + " from 198.51.100.2");
    }

    private String log() throws Exception {
        Path log = root.resolve("dnsmasq.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private long dohPackets() throws Exception {
        String chain = server.run("nft", "list", "chain", "inet", "lgprobe", "input").stdout();
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(chain);
        assertThat(m.find()).as(chain).isTrue();
        return Long.parseLong(m.group(1));
    }
}
