package org.leakguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Sandbox} client on a VPN whose resolver is the real systemd-resolved, unpacked from its
 * Debian package, with a D-Bus system bus of the client's own and /etc/resolv.conf linked to the
 * stub as on Debian. The ISP host's dnsmasq is the resolver a policy pins ({@link #PINNED}): it
 * answers corporate names "no such name". The VPN host's is the corporate resolver ({@link #CORP}),
 * which answers {@link #PROBE_NAME} with {@link #PROBE_ANSWER}. Both log the names they are asked.
 * Before anything is applied the VPN client has set its link's own server and search domain.
 */
final class ResolvedClient implements AutoCloseable {
    static final String PINNED = Sandbox.ISP;
    static final String CORP = Sandbox.VPN;
    static final String CORP_ZONE = "corp.example";
    static final String PROBE_NAME = "probe.corp.example";
    static final String PROBE_ANSWER = "192.0.2.77";
    static final String PINNED_ANSWER = "192.0.2.1";
    static final String CORP_ANSWER = "192.0.2.2";
    /** What the VPN client set on its link before leakguard. */
    static final String VPN_OWN_SERVER = "203.0.113.99";
    static final String VPN_OWN_DOMAIN = "vpn.example";
    private static final String STUB = "/run/systemd/resolve/stub-resolv.conf";
    /** Where resolved keeps per-link settings made over D-Bus, to load them again when it restarts. */
    private static final String NETIF = "/run/systemd/resolve/netif";
    private static final String BUS = "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n"
            + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            + "<busconfig><type>system</type><listen>unix:path=/run/dbus/system_bus_socket</listen><auth>EXTERNAL</auth>\n"
            + "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/><allow send_destination=\"*\"/>"
            + "<allow receive_sender=\"*\"/></policy></busconfig>\n";

    final Sandbox sandbox;
    /** The client's link to the VPN host, where the corporate route goes. */
    final String vpnLink;
    private final Path unpacked;
    private Process bus;
    private Process resolved;

    private ResolvedClient(Sandbox sandbox, Path unpacked) {
        this.sandbox = sandbox;
        this.unpacked = unpacked;
        this.vpnLink = "cv" + sandbox.id;
    }

    static ResolvedClient start(Path unpacked) throws Exception {
        Sandbox s = Sandbox.leakyClient(false);
        ResolvedClient c = new ResolvedClient(s, unpacked);
        try {
            c.resolvers();
            c.etc();
            c.startBus();
            c.restartResolved(false);
            c.ok("resolvectl", "dns", c.vpnLink, VPN_OWN_SERVER);
            c.ok("resolvectl", "domain", c.vpnLink, VPN_OWN_DOMAIN);
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    /** The sandbox's two dnsmasq, restarted with this setup's answers, on the same pid files and fresh logs. */
    private void resolvers() throws IOException {
        dnsmasq(sandbox.isp, PINNED, "--address=/" + CORP_ZONE + "/", "--address=/#/" + PINNED_ANSWER);
        dnsmasq(sandbox.vpn, CORP, "--address=/" + PROBE_NAME + "/" + PROBE_ANSWER, "--address=/#/" + CORP_ANSWER);
    }

    private void dnsmasq(String ns, String address, String... answers) throws IOException {
        Path pid = sandbox.dir.resolve(ns + ".pid");
        Sandbox.kill(pid);
        Files.deleteIfExists(sandbox.log(ns));
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "dnsmasq", "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=" + address, "--log-queries", "--log-facility=" + sandbox.log(ns),
                "--pid-file=" + pid, "--user=root", "--group=root"));
        argv.addAll(List.of(answers));
        Proc.ok(argv);
    }

    /**
     * resolved's user in the client's /etc, and resolv.conf a link to the stub file. From here on
     * the sandbox's resolv.conf is that link: it resolves to the client's /run only inside it, so
     * nothing outside may write through it.
     */
    private void etc() throws IOException {
        Files.writeString(sandbox.etc.resolve("passwd"), "systemd-resolve:x:64053:64053:resolved sandbox:/:/usr/sbin/nologin\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(sandbox.etc.resolve("group"), "systemd-resolve:x:64053:\n", java.nio.file.StandardOpenOption.APPEND);
        Files.delete(sandbox.etc.resolve("resolv.conf"));
        Files.createSymbolicLink(sandbox.etc.resolve("resolv.conf"), Path.of(STUB));
        ok("mkdir", "-p", "/run/dbus", "/run/systemd");
    }

    private void startBus() throws Exception {
        Path conf = sandbox.dir.resolve("bus.conf");
        Files.writeString(conf, BUS);
        bus = daemon("dbus", "dbus-daemon", "--config-file=" + conf, "--nofork", "--nopidfile");
        await("the client's D-Bus socket", () -> run("test", "-S", "/run/dbus/system_bus_socket").exit() == 0);
    }

    /**
     * Stops resolved and starts it again, which reads its drop-ins and the per-link settings it
     * saved; with {@code reboot} those are gone first, as a reboot empties /run.
     */
    void restartResolved(boolean reboot) throws Exception {
        if (resolved != null) {
            stop(resolved);
        }
        if (reboot) {
            ok("rm", "-rf", NETIF);
        }
        resolved = daemon("resolved", "env", "SYSTEMD_LOG_LEVEL=debug", unpacked.resolve("lib/systemd/systemd-resolved").toString());
        await("systemd-resolved on the client's bus", () -> run("resolvectl", "dns").exit() == 0);
    }

    /** A command on the client with the unpacked resolvectl on PATH, as the agent finds it. */
    Run run(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=" + unpacked.resolve("usr/bin") + ":/usr/sbin:/usr/bin:/sbin:/bin"));
        cmd.addAll(List.of(argv));
        return Proc.run(sandbox.clientArgv(cmd.toArray(String[]::new)));
    }

    private void ok(String... argv) {
        Run r = run(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + r);
        }
    }

    /** The packaged agent on the client, with this sandbox's state folder. */
    Run agent(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Dist.launcher().toString(), "--state-dir", sandbox.state.toString()));
        cmd.addAll(List.of(args));
        return run(cmd.toArray(String[]::new));
    }

    /** {@code getent hosts NAME} on the client: glibc through resolv.conf, so through resolved's stub. The first address or "". */
    String getent(String name) {
        Run r = run("getent", "hosts", name);
        return r.exit() == 0 ? r.stdout().lines().findFirst().map(l -> l.split("\\s+")[0]).orElse("") : "";
    }

    /** What resolved has on the VPN link, as {@code resolvectl VERB LINK} prints it after the link's name. */
    String vpnLink(String verb) {
        String out = run("resolvectl", verb, vpnLink).stdout().strip();
        return out.substring(out.indexOf("):") + 2).strip();
    }

    String pinnedAsked() throws IOException {
        return sandbox.queries(sandbox.isp);
    }

    String corpAsked() throws IOException {
        return sandbox.queries(sandbox.vpn);
    }

    String resolvedLog() throws IOException {
        Path log = sandbox.dir.resolve("resolved.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Process daemon(String name, String... argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin"));
        cmd.addAll(List.of(argv));
        return new ProcessBuilder(sandbox.clientArgv(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(sandbox.dir.resolve(name + ".log").toFile())).start();
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " did not come up within 10 s");
            }
            Thread.sleep(100);
        }
    }

    /** SIGTERM, as systemd stops a unit; killed when it lingers. */
    private static void stop(Process p) {
        p.destroy();
        if (p.onExit().completeOnTimeout(null, 5, TimeUnit.SECONDS).join() == null) {
            Sandbox.stop(p);
        }
    }

    @Override
    public void close() {
        for (Process p : new Process[] {resolved, bus}) {
            if (p != null) {
                stop(p);
            }
        }
        sandbox.close();
    }
}
