package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.CommandResult;

/**
 * A laptop on a hotel network, in two namespaces joined by a veth pair: the "network" side runs
 * dnsmasq as its DHCP server (handing out {@link #DHCP_RESOLVER}) and as the DNS server at the
 * network's resolver, a corporate route's server and some other resolver, logging every query;
 * the laptop side is where the firewall is loaded. Documentation addresses only.
 */
final class ResolverLab implements AutoCloseable {
    static final String DHCP_RESOLVER = "198.51.100.53";
    static final String ROUTE_SERVER = "203.0.113.53";
    static final String OTHER = "192.0.2.53";
    static final String PINNED = "192.0.2.10";

    private final Path tmp;
    private final List<Process> daemons = new ArrayList<>();
    private Netns laptop;
    private Netns network;

    private ResolverLab(Path tmp) {
        this.tmp = tmp;
    }

    static ResolverLab start(Path tmp) throws Exception {
        ResolverLab lab = new ResolverLab(tmp);
        try {
            lab.up();
            return lab;
        } catch (Exception | Error e) {
            lab.close();
            throw e;
        }
    }

    private void up() throws Exception {
        laptop = Netns.create("lap");
        network = Netns.create("net");
        laptop.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", network.name());
        for (String a : List.of("198.51.100.2/24", "203.0.113.2/24", "192.0.2.2/24")) {
            laptop.run("ip", "addr", "add", a, "dev", "lgc0");
        }
        for (String a : List.of("198.51.100.1/24", DHCP_RESOLVER + "/24", ROUTE_SERVER + "/24", OTHER + "/24")) {
            network.run("ip", "addr", "add", a, "dev", "lgs0");
        }
        laptop.run("ip", "link", "set", "lgc0", "up");
        network.run("ip", "link", "set", "lgs0", "up");
        daemon("dns", "--port=53", "--no-resolv", "--no-hosts", "--address=/#/192.0.2.80", "--log-queries",
                "--log-facility=-", "--listen-address=" + DHCP_RESOLVER, "--listen-address=" + ROUTE_SERVER,
                "--listen-address=" + OTHER);
        daemon("dhcp", "--port=0", "--interface=lgs0", "--dhcp-range=198.51.100.100,198.51.100.150,255.255.255.0,2m",
                "--dhcp-option=option:dns-server," + DHCP_RESOLVER, "--dhcp-leasefile=" + tmp.resolve("server.leases"));
        for (String a : List.of(DHCP_RESOLVER, ROUTE_SERVER, OTHER)) {
            DhcpLab.await("dnsmasq answering on " + a, 10, () -> answer(laptop, a, "ready.example").equals("192.0.2.80"));
        }
    }

    private void daemon(String name, String... options) throws IOException {
        List<String> argv = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null",
                "--bind-interfaces", "--user=root", "--pid-file=" + tmp.resolve(name + ".pid")));
        argv.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(network.inside(argv));
        daemons.add(pb.redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start());
    }

    Netns laptop() {
        return laptop;
    }

    /** Real dhclient on the laptop: it asks the network, writes its lease where {@code leases} says, and changes nothing else. */
    void lease(Path leases) throws IOException {
        Files.createDirectories(leases.getParent());
        laptop.run("dhclient", "-1", "-4", "-sf", "/bin/true", "-lf", leases.toString(), "-pf", tmp.resolve("dhclient.pid").toString(),
                "lgc0");
    }

    /**
     * Real dhcpcd on the laptop, once ({@code -1}), in a mount namespace of its own: /etc an overlay
     * and /run a tmpfs, so nothing of the machine's changes, and /var/lib/dhcpcd {@code root}'s, so
     * its lease lands where it keeps it on a host. No hook runs ({@code -c /bin/true}).
     */
    void leaseDhcpcd(Path root) throws IOException {
        Path leases = root.resolve("var/lib/dhcpcd");
        Files.createDirectories(leases);
        Files.createDirectories(tmp.resolve("dhcpcd-etc-up"));
        Files.createDirectories(tmp.resolve("dhcpcd-etc-work"));
        Path conf = tmp.resolve("dhcpcd.conf");
        Files.writeString(conf, "nodelay\nnoarp\nnoipv4ll\npersistent\noption domain_name_servers\n");
        laptop.run("unshare", "--mount", "--propagation", "private", "sh", "-c", "set -e; mount --make-rprivate /"
                + "; mount -t overlay overlay -o lowerdir=/etc,upperdir=" + tmp.resolve("dhcpcd-etc-up") + ",workdir="
                + tmp.resolve("dhcpcd-etc-work") + " /etc; mount -t tmpfs tmpfs /run"
                + "; mount -t tmpfs tmpfs /var/lib; mkdir /var/lib/dhcpcd; mount --bind " + leases + " /var/lib/dhcpcd"
                + "; exec dhcpcd -B -1 -4 -t 15 -f " + conf + " -c /bin/true lgc0");
    }

    /** The names the DNS server was asked, with who asked, in order. */
    String queryLog() {
        return DhcpLab.read(tmp.resolve("dns.log"));
    }

    /** dig's short answer from inside {@code ns}, as {@code argvPrefix} (e.g. setpriv) runs it; "" when none came. */
    static String answer(Netns ns, String server, String name, String... argvPrefix) {
        List<String> argv = new ArrayList<>(List.of(argvPrefix));
        argv.addAll(List.of("dig", "+time=1", "+tries=1", "+short", "@" + server, name));
        try {
            CommandResult r = ns.exec(null, argv.toArray(String[]::new));
            return r.ok() ? r.stdout().strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** What a query to {@code server}:53 meets, sent as {@code argvPrefix} runs dig: refused, prohibited, silent, or the answer. */
    static String outcome(Netns ns, String server, String name, String... argvPrefix) throws IOException {
        return outcome(ns, "+notcp", server, name, argvPrefix);
    }

    /** As above over TCP: a reset reads as refused. */
    static String outcomeTcp(Netns ns, String server, String name, String... argvPrefix) throws IOException {
        return outcome(ns, "+tcp", server, name, argvPrefix);
    }

    private static String outcome(Netns ns, String transport, String server, String name, String... argvPrefix) throws IOException {
        List<String> argv = new ArrayList<>(List.of(argvPrefix));
        argv.addAll(List.of("dig", transport, "+time=1", "+tries=1", "@" + server, name));
        CommandResult r = ns.exec(null, argv.toArray(String[]::new));
        String out = r.stdout() + r.stderr();
        if (out.contains("connection refused")) {
            return "refused";
        }
        if (out.contains("permission denied") || out.contains("unreachable")) {
            return "prohibited";
        }
        if (out.contains("timed out") || out.contains("no servers could be reached")) {
            return "silent";
        }
        return out.contains("ANSWER SECTION") ? "answered" : out.strip();
    }

    @Override
    public void close() throws IOException {
        daemons.forEach(Process::destroyForcibly);
        try {
            if (network != null) {
                network.close();
            }
        } finally {
            if (laptop != null) {
                laptop.close();
            }
        }
    }
}
