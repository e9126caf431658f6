package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.LocalFiles;

/**
 * An "ISP" namespace that hands out leases (dnsmasq as DHCP server, renewing every few seconds)
 * and, on request, router advertisements (radvd) and DNS servers; a client namespace whose
 * private mount table has an overlay on /etc (writes land in a temporary upper layer), a tmpfs
 * on /run and /var/lib (the DHCP clients' leases) and a read-only /sys (so networkd and
 * NetworkManager do not wait for udev). The client's files are
 * reached through /proc/PID/root of the process holding that mount table, and its commands run
 * through nsenter: nothing touches the host's /etc, /run or network. Only documentation addresses.
 */
final class DhcpLab implements AutoCloseable {
    static final String ISP_RESOLVER = "198.51.100.53";
    static final String RA_RESOLVER = "2001:db8:1::53";
    /** The search domain the DHCP server offers (option 119). */
    static final String ISP_DOMAIN = "isp.example";
    /** Seconds to a renewal (DHCP option 58): a running client asks again this often. */
    static final int RENEW_SECONDS = 3;
    /**
     * Given to every dnsmasq here: without it each writes /run/dnsmasq.pid, shared with the machine,
     * and a second one (or any after a killed one) refuses to start because the file exists.
     */
    static final String NO_PID_FILE = "--pid-file=";
    private static final String BUS = "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN\"\n"
            + " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            + "<busconfig><type>system</type><listen>unix:path=/run/dbus/system_bus_socket</listen><auth>EXTERNAL</auth>\n"
            + "<policy context=\"default\"><allow user=\"*\"/><allow own=\"*\"/><allow send_destination=\"*\"/>"
            + "<allow receive_sender=\"*\"/></policy></busconfig>\n";

    private final Path tmp;
    private final List<Process> daemons = new ArrayList<>();
    private final java.util.Set<String> served = new java.util.HashSet<>();
    private Netns client;
    private Netns isp;
    private Process holder;
    private String libraries;

    private DhcpLab(Path tmp) {
        this.tmp = tmp;
    }

    static DhcpLab start(Path tmp) throws Exception {
        DhcpLab lab = new DhcpLab(tmp);
        try {
            lab.network();
            lab.mounts();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void network() throws Exception {
        client = Netns.create("dhc");
        isp = Netns.create("dhi");
        client.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", isp.name());
        isp.run("ip", "addr", "add", "198.51.100.1/24", "dev", "lgs0");
        isp.run("ip", "link", "set", "lgs0", "up");
        client.run("ip", "link", "set", "lgc0", "up");
        daemons.add(daemon(isp.inside(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", NO_PID_FILE, "--port=0",
                "--interface=lgs0", "--bind-interfaces", "--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,2m",
                "--dhcp-option=option:dns-server," + ISP_RESOLVER, "--dhcp-option=option:domain-search," + ISP_DOMAIN,
                "--dhcp-option=option:T1," + RENEW_SECONDS,
                "--dhcp-leasefile=" + tmp.resolve("isp.leases"), "--log-dhcp", "--log-facility=" + tmp.resolve("dhcp.log"))),
                "dhcp-server"));
    }

    private void mounts() throws Exception {
        Files.createDirectories(tmp.resolve("etc-up"));
        Files.createDirectories(tmp.resolve("etc-work"));
        holder = daemon(client.inside(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c",
                "set -e; mount --make-rprivate /"
                        + "; mount -t overlay overlay -o lowerdir=/etc,upperdir=" + tmp.resolve("etc-up")
                        + ",workdir=" + tmp.resolve("etc-work") + " /etc"
                        + "; mount -t tmpfs tmpfs /run; mkdir /run/dbus /run/systemd"
                        + "; mount -o remount,bind,ro /sys"
                        + "; mount -t tmpfs tmpfs /var/lib; mkdir /var/lib/dhcp /var/lib/dhcpcd /var/lib/NetworkManager"
                        + "; exec sleep 600")), "holder");
        Path comm = Path.of("/proc", Long.toString(holder.pid()), "comm");
        await("the client's mount namespace", 5, () -> holder.isAlive() && read(comm).strip().equals("sleep"));
    }

    /** The client's files: its private /etc and /run, through the holder's root. */
    LocalFiles files() {
        return new LocalFiles(Path.of("/proc", Long.toString(holder.pid()), "root"));
    }

    /** Commands run inside the client's mount and network namespaces, {@code path} first on PATH. */
    Commands commands(Path path) {
        ExecCommands real = new ExecCommands();
        return c -> real.run(new Command(inside(path, c.argv()), c.input(), c.timeout()));
    }

    List<String> inside(Path path, List<String> argv) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-n", "--",
                "env", "PATH=" + (path == null ? "" : path + ":") + "/usr/sbin:/usr/bin:/sbin:/bin"));
        if (libraries != null) {
            full.add("LD_LIBRARY_PATH=" + libraries);
        }
        full.addAll(argv);
        return full;
    }

    /** Shared libraries of unpacked packages, for every program run inside the client from now on. */
    void useLibraries(List<Path> dirs) {
        libraries = String.join(":", dirs.stream().map(Path::toString).toList());
    }

    /** A D-Bus system bus of the client's own, open to root, with no service activation. */
    void startBus() throws Exception {
        Path bus = tmp.resolve("bus.conf");
        Files.writeString(bus, BUS);
        startInClient("dbus", null, "dbus-daemon", "--config-file=" + bus, "--nofork", "--nopidfile");
        LocalFiles files = files();
        await("the sandbox's D-Bus socket", 5, () -> files.exists("/run/dbus/system_bus_socket"));
    }

    Netns client() {
        return client;
    }

    Netns isp() {
        return isp;
    }

    /** Starts a daemon inside the client; it is stopped on close, before the namespaces go. */
    Process startInClient(String name, Path path, String... argv) throws IOException {
        Process p = daemon(inside(path, List.of(argv)), name);
        daemons.add(p);
        return p;
    }

    /** radvd on the ISP side advertising 2001:db8:1::/64 and {@link #RA_RESOLVER} as RDNSS every few seconds. */
    void advertise() throws Exception {
        isp.run("ip", "addr", "add", "2001:db8:1::1/64", "dev", "lgs0", "nodad");
        isp.run("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1");
        Path conf = tmp.resolve("radvd.conf");
        Files.writeString(conf, "interface lgs0 {\n AdvSendAdvert on;\n MinRtrAdvInterval 3;\n MaxRtrAdvInterval 4;\n"
                + " prefix 2001:db8:1::/64 {};\n RDNSS " + RA_RESOLVER + " {};\n};\n");
        daemons.add(daemon(isp.inside(List.of("radvd", "-n", "-C", conf.toString(), "-p", tmp.resolve("radvd.pid").toString(),
                "-m", "stderr")), "radvd"));
    }

    /** A DNS server on the ISP side at {@code address} and {@code port}, answering every name with 192.0.2.1. */
    void serveDns(String address, int port) throws Exception {
        if (served.add(address)) {
            isp.run("ip", "addr", "add", address + (address.contains(":") ? "/128" : "/32"), "dev", "lgs0", "nodad");
        }
        daemons.add(daemon(isp.inside(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", NO_PID_FILE, "--no-resolv",
                "--no-hosts", "--bind-interfaces", "--listen-address=" + address, "--port=" + port,
                "--address=/#/192.0.2.1")), "dns-" + port));
    }

    String log(String name) throws IOException {
        return read(tmp.resolve(name + ".log"));
    }

    /** Waits until the daemon logging to {@code name} prints {@code marker} once more: a renewal handled. */
    void awaitRenewal(String name, String marker) throws Exception {
        int seen = count(log(name), marker);
        try {
            await("a renewal by the running " + name + " (\"" + marker + "\" once more)", 3 * RENEW_SECONDS + 5,
                    () -> count(read(tmp.resolve(name + ".log")), marker) > seen);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the DHCP server said:\n" + log("dhcp") + "\n" + name + " said:\n"
                    + log(name), e);
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    /** The search list of the client's /etc/resolv.conf. */
    List<String> search() {
        try {
            return ResolvConf.parseSearch(files().readString(ResolvConf.PATH).orElse(""));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The nameservers of the client's /etc/resolv.conf. */
    List<String> nameservers() {
        try {
            return ResolvConf.parseNameservers(files().readString(ResolvConf.PATH).orElse(""));
        } catch (IOException e) {
            return List.of();
        }
    }

    private Process daemon(List<String> argv, String name) throws IOException {
        return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Polls every 100 ms; fails naming what never happened. */
    static void await(String what, int seconds, BooleanSupplier done) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError(what + " did not happen within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    CommandResult dig(String server, String... options) throws IOException {
        List<String> argv = new ArrayList<>(List.of("dig", "+time=1", "+tries=1", "+short", "@" + server));
        argv.addAll(List.of(options));
        argv.add("probe.test");
        return client.exec(null, argv.toArray(String[]::new));
    }

    @Override
    public void close() throws IOException {
        try {
            for (int i = daemons.size() - 1; i >= 0; i--) {
                stop(daemons.get(i));
            }
            if (holder != null) {
                stop(holder);
            }
        } finally {
            try {
                if (client != null) {
                    client.close();
                }
            } finally {
                if (isp != null) {
                    isp.close();
                }
            }
        }
    }

    static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
