package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;

/**
 * A laptop on a VPN, with the real systemd-resolved from its unpacked package and a D-Bus system
 * bus of its own: a {@link DhcpLab} client whose lgc0 reaches the "ISP" namespace, where the
 * pinned resolver {@link #PINNED} answers every name with 192.0.2.1, and whose lgv0 reaches a
 * "VPN" namespace, where the corporate resolver {@link #CORP} answers with 192.0.2.2. Each
 * resolver logs the names it is asked. /etc/resolv.conf links to resolved's stub, as on Debian.
 */
final class SplitDnsLab implements AutoCloseable {
    static final String PINNED = "198.51.100.53";
    static final String CORP = "203.0.113.53";
    static final String PINNED_ANSWER = "192.0.2.1";
    static final String CORP_ANSWER = "192.0.2.2";
    /** Where resolved saves per-link settings made over D-Bus, to load them again when it restarts. */
    static final String NETIF = "/run/systemd/resolve/netif";
    private final DhcpLab lab;
    private final Path tmp;
    private final Path unpacked;
    private Netns vpn;
    private Process pinned;
    private Process corp;
    private Process resolved;

    private SplitDnsLab(DhcpLab lab, Path tmp, Path unpacked) {
        this.lab = lab;
        this.tmp = tmp;
        this.unpacked = unpacked;
    }

    static SplitDnsLab start(Path tmp, Path unpacked) throws Exception {
        SplitDnsLab s = new SplitDnsLab(DhcpLab.start(tmp), tmp, unpacked);
        try {
            s.network();
            prepare(s.lab);
            s.lab.startBus();
            s.restartResolved(false);
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void network() throws Exception {
        Netns client = lab.client();
        client.run("ip", "addr", "add", "198.51.100.2/24", "dev", "lgc0");
        lab.isp().run("ip", "addr", "add", PINNED + "/24", "dev", "lgs0");
        vpn = Netns.create("sdv");
        client.run("ip", "link", "add", "lgv0", "type", "veth", "peer", "name", "lgv1", "netns", vpn.name());
        client.run("ip", "addr", "add", "203.0.113.2/24", "dev", "lgv0");
        vpn.run("ip", "addr", "add", CORP + "/24", "dev", "lgv1");
        client.run("ip", "link", "set", "lgv0", "up");
        vpn.run("ip", "link", "set", "lgv1", "up");
        pinned = serve(lab.isp(), PINNED, PINNED_ANSWER, "pinned");
        corp = serve(vpn, CORP, CORP_ANSWER, "corp");
        for (String[] server : new String[][] {{PINNED, PINNED_ANSWER, "pinned"}, {CORP, CORP_ANSWER, "corp"}}) {
            try {
                DhcpLab.await("the resolver on " + server[0] + " answering", 15, () -> answer(client, server[0]).equals(server[1]));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; dnsmasq said: " + DhcpLab.read(tmp.resolve(server[2] + "-dns.out"))
                        + DhcpLab.read(tmp.resolve(server[2] + ".log")) + "; the client's routes: "
                        + client.exec(null, "ip", "route").stdout(), e);
            }
        }
    }

    private Process serve(Netns ns, String address, String answer, String log) throws IOException {
        return new ProcessBuilder(ns.inside(dnsmasq(tmp, address, answer, log))).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log + "-dns.out").toFile()).start();
    }

    private static List<String> dnsmasq(Path tmp, String address, String answer, String log) {
        return List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", DhcpLab.NO_PID_FILE, "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=" + address, "--address=/#/" + answer, "--log-queries",
                "--log-facility=" + tmp.resolve(log + ".log"));
    }

    private static String answer(Netns client, String server) {
        try {
            return client.exec(null, "dig", "+time=1", "+tries=1", "+short", "@" + server, "ready.test", "A").stdout().strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Starts resolved again, which reads its drop-ins; it keeps the per-link settings made over
     * D-Bus in /run/systemd/resolve/netif, unless {@code reboot} empties that as a reboot empties /run.
     */
    void restartResolved(boolean reboot) throws Exception {
        if (resolved != null) {
            DhcpLab.stop(resolved);
        }
        if (reboot) {
            Sandbox.check(lab.commands(null).run(org.leakguard.agent.host.Command.of("rm", "-rf", NETIF)), "rm", NETIF);
        }
        resolved = lab.startInClient("resolved", null, "env", "SYSTEMD_LOG_LEVEL=debug",
                unpacked.resolve("lib/systemd/systemd-resolved").toString());
        DhcpLab.await("systemd-resolved on the sandbox's bus", 10, () -> links().isPresent());
    }

    /** Stops resolved, leaving its stub file behind as the daemon does. */
    void stopResolved() {
        DhcpLab.stop(resolved);
    }

    /** Every link's settings in resolved by index (0: global), or empty while it does not answer. */
    java.util.Optional<java.util.Map<Integer, LinkDns>> links() {
        try {
            CommandResult r = host().commands().run(new org.leakguard.agent.host.Command(ResolvedBus.READ, null, null));
            return r.ok() ? java.util.Optional.of(ResolvedBus.parse(r.stdout())) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The argv run inside the client, as the agent's commands are. */
    List<String> inside(List<String> argv) {
        return lab.inside(unpacked.resolve("usr/bin"), argv);
    }

    /** A link's DNS-over-TLS mode in effect. */
    String tls(int ifindex) throws IOException {
        return ResolvedBus.parseString(SplitDnsReads.run(host(), ResolvedBus.readTls(ifindex)));
    }

    /** The host as the agent sees it inside the client, with the unpacked resolvectl on PATH. */
    Host host() {
        return TestHosts.online(lab.files(), lab.commands(unpacked.resolve("usr/bin")));
    }

    /** As {@link #host()}, on a real clock: a captive-portal window's timeout is a real time. */
    Host liveHost() {
        return new Host(TestHosts.LINUX, lab.files(), lab.commands(unpacked.resolve("usr/bin")), false, java.time.Clock.systemUTC());
    }

    /** Another resolver on the ISP side, as {@link #serveOnIsp}, its log read by {@link #asked}. */
    void serveOnIsp(String address, String answer, String log) throws IOException {
        serveOnIsp(lab, tmp, address, answer, log);
    }

    /** {@code getent hosts NAME} inside the client: glibc through resolv.conf, so through resolved's stub. */
    String getent(String name) throws IOException {
        return getent(host(), name);
    }

    static String getent(Host host, String name) throws IOException {
        CommandResult r = host.commands().run(org.leakguard.agent.host.Command.of("getent", "hosts", name));
        return r.ok() ? r.stdout().lines().findFirst().map(l -> l.split("\\s+")[0]).orElse("") : "";
    }

    /** One link's servers and domains in resolved now; none while it cannot be read. */
    static LinkDns link(Host host, String name) {
        try {
            return SplitDnsReads.link(host, name, false).map(LinkDnsImage::dns).orElse(LinkDns.NONE);
        } catch (IOException e) {
            return LinkDns.NONE;
        }
    }

    /** A resolver on the ISP side of a {@link DhcpLab} at {@code address}, answering every name with {@code answer}, logging to NAME.log. */
    static void serveOnIsp(DhcpLab lab, Path tmp, String address, String answer, String log) throws IOException {
        lab.isp().run("ip", "addr", "add", address + "/32", "dev", "lgs0");
        new ProcessBuilder(lab.isp().inside(dnsmasq(tmp, address, answer, log))).redirectErrorStream(true)
                .redirectOutput(tmp.resolve(log + "-dns.out").toFile()).start();
    }

    /** resolved's user in a {@link DhcpLab} client's /etc, and resolv.conf linked to its stub file. */
    static void prepare(DhcpLab lab) throws IOException {
        LocalFiles files = lab.files();
        files.write("/etc/passwd", (files.readString("/etc/passwd").orElse("")
                + "systemd-resolve:x:64053:64053:resolved sandbox:/:/usr/sbin/nologin\n").getBytes(), null);
        files.write("/etc/group", (files.readString("/etc/group").orElse("") + "systemd-resolve:x:64053:\n").getBytes(), null);
        Sandbox.check(lab.commands(null).run(org.leakguard.agent.host.Command.of("ln", "-sfn",
                SplitDnsMessages.STUB_FILE, ResolvConf.PATH)), "ln", "-sfn");
    }

    /** The names a resolver's log says it was asked. */
    String asked(String which) {
        return DhcpLab.read(tmp.resolve(which + ".log"));
    }

    String resolvedLog() throws IOException {
        return lab.log("resolved");
    }

    @Override
    public void close() throws IOException {
        try {
            for (Process p : new Process[] {corp, pinned}) {
                if (p != null) {
                    DhcpLab.stop(p);
                }
            }
            lab.close();
        } finally {
            if (vpn != null) {
                vpn.close();
            }
        }
    }
}
