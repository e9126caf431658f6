package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.leakguard.agent.host.CommandResult;

/**
 * The real systemd-resolved from its unpacked package, without systemd: a client namespace whose
 * private mount table holds /etc/systemd, /run/systemd, passwd and group from {@code root}; a
 * server namespace with one dnsmasq per upstream address, each logging the names it is asked.
 * Only documentation addresses; nothing leaves the two namespaces.
 */
final class ResolvedSandbox implements AutoCloseable {
    private final Path root;
    private final Path daemon;
    private final List<Process> dnsmasqs = new ArrayList<>();
    private Netns client;
    private Netns server;
    private Process holder;
    private Process resolved;
    private int runs;

    private ResolvedSandbox(Path root, Path daemon) {
        this.root = root;
        this.daemon = daemon;
    }

    /** @param upstreams the server addresses, each /24 shared with the client */
    static ResolvedSandbox start(Path root, Path unpacked, String... upstreams) throws Exception {
        ResolvedSandbox s = new ResolvedSandbox(root, unpacked.resolve("lib/systemd/systemd-resolved"));
        try {
            s.network(upstreams);
            s.files();
            s.holder = new ProcessBuilder(s.client.inside(List.of("unshare", "--mount", "--propagation", "private",
                    "sh", "-c", s.mounts()))).redirectErrorStream(true)
                    .redirectOutput(root.resolve("holder.log").toFile()).start();
            s.awaitHolder();
            return s;
        } catch (Exception | Error e) {
            s.close();
            throw e;
        }
    }

    private void network(String... upstreams) throws Exception {
        client = Netns.create("rvc");
        server = Netns.create("rvs");
        client.run("ip", "link", "add", "lgc0", "type", "veth", "peer", "name", "lgs0", "netns", server.name());
        for (String a : upstreams) {
            server.run("ip", "addr", "add", a + "/24", "dev", "lgs0");
            client.run("ip", "addr", "add", a.substring(0, a.lastIndexOf('.')) + ".2/24", "dev", "lgc0");
        }
        client.run("ip", "link", "set", "lgc0", "up");
        server.run("ip", "link", "set", "lgs0", "up");
        for (String a : upstreams) {
            dnsmasqs.add(new ProcessBuilder(server.inside(List.of("dnsmasq", "--keep-in-foreground",
                    "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + a,
                    "--address=/#/192.0.2.1", "--log-queries", "--log-facility=" + log(a),
                    "--pid-file=" + root.resolve(a + ".pid")))).redirectErrorStream(true)
                    .redirectOutput(root.resolve(a + ".out").toFile()).start());
        }
        for (String a : upstreams) {
            awaitDirect(a);
        }
    }

    /** The daemon's user, its own stub as the namespace's resolv.conf, and the folders it reads. */
    private void files() throws IOException {
        Files.createDirectories(root.resolve("etc/systemd/resolved.conf.d"));
        Files.createDirectories(root.resolve("run/systemd/netif/links"));
        Files.writeString(root.resolve("passwd"), Files.readString(Path.of("/etc/passwd"))
                + "systemd-resolve:x:64053:64053:resolved sandbox:/:/usr/sbin/nologin\n");
        Files.writeString(root.resolve("group"), Files.readString(Path.of("/etc/group")) + "systemd-resolve:x:64053:\n");
        Files.writeString(root.resolve("stub-resolv.conf"), "nameserver 127.0.0.53\n");
    }

    /** resolv.conf first: on a host where it links into /run, the link must still resolve. */
    private String mounts() {
        return "set -e; mount --make-rprivate /"
                + "; mount --bind " + root.resolve("stub-resolv.conf") + " /etc/resolv.conf"
                + "; mount --bind " + root.resolve("passwd") + " /etc/passwd"
                + "; mount --bind " + root.resolve("group") + " /etc/group"
                + "; mount --bind " + root.resolve("etc/systemd") + " /etc/systemd"
                + "; mount -t tmpfs tmpfs /run; mkdir /run/systemd"
                + "; mount --bind " + root.resolve("run/systemd") + " /run/systemd"
                + "; exec sleep 600";
    }

    private void awaitHolder() throws Exception {
        Path comm = Path.of("/proc", Long.toString(holder.pid()), "comm");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // four execs and six mounts, on a busy machine
        while (System.nanoTime() < end) {
            if (!holder.isAlive()) {
                throw new IOException("the mount namespace did not come up: " + Files.readString(root.resolve("holder.log")));
            }
            if (Files.readString(comm).strip().equals("sleep")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("the mount namespace did not come up in time");
    }

    Path log(String upstream) {
        return root.resolve(upstream + ".log");
    }

    /** What resolved itself logged (debug) since its last start. */
    String daemonLog() throws IOException {
        return Files.readString(root.resolve("resolved-" + runs + ".log"));
    }

    /** The client's veth: per-link ("DHCP") servers are set for it through networkd's state file. */
    int linkIndex() throws IOException {
        String line = client.run("ip", "-o", "link", "show", "lgc0").stdout();
        return Integer.parseInt(line.substring(0, line.indexOf(':')).strip());
    }

    /** Starts (or restarts) the daemon and waits until its stub answers. */
    void restart() throws Exception {
        stopDaemon();
        runs++;
        ProcessBuilder pb = new ProcessBuilder("nsenter", "-t", Long.toString(holder.pid()), "-m", "-n", "--",
                daemon.toString());
        pb.environment().put("SYSTEMD_LOG_LEVEL", "debug");
        resolved = pb.redirectErrorStream(true).redirectOutput(root.resolve("resolved-" + runs + ".log").toFile()).start();
        for (int i = 0; i < 100; i++) {
            if (!resolved.isAlive()) {
                throw new IOException("systemd-resolved exited " + resolved.exitValue() + ": " + daemonLog());
            }
            if ("127.0.0.1".equals(lookup("localhost"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("systemd-resolved never answered on 127.0.0.53: " + daemonLog());
    }

    /** A command inside the client's mount and network namespaces, as the daemon sees them (no D-Bus here). */
    CommandResult inside(List<String> argv) throws IOException {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(holder.pid()), "-m", "-n", "--"));
        full.addAll(argv);
        return new org.leakguard.agent.host.ExecCommands().run(new org.leakguard.agent.host.Command(full, null, null));
    }

    /** A lookup through resolved's stub, as glibc does with the stub resolv.conf: the A answer, or null. */
    String lookup(String name) throws IOException {
        CommandResult r = client.exec(null, "dig", "+time=3", "+tries=1", "+short", "@127.0.0.53", name, "A");
        String out = r.stdout().strip();
        return r.ok() && !out.isEmpty() && !out.startsWith(";") ? out : null;
    }

    boolean asked(String upstream, String name) throws IOException {
        return Files.readString(log(upstream), StandardCharsets.UTF_8).contains("] " + name + " from ");
    }

    private void awaitDirect(String address) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            CommandResult r = client.exec(null, "dig", "+time=1", "+tries=1", "+short", "@" + address, "ready.test", "A");
            if (r.ok() && r.stdout().strip().equals("192.0.2.1")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("dnsmasq on " + address + " never answered");
    }

    private void stopDaemon() {
        if (resolved != null) {
            stop(resolved);
            resolved = null;
        }
    }

    private static void stop(Process p) {
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

    @Override
    public void close() throws IOException {
        try {
            stopDaemon();
            for (Process p : holder == null ? dnsmasqs : concat(holder, dnsmasqs)) {
                stop(p);
            }
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

    private static List<Process> concat(Process first, List<Process> rest) {
        List<Process> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }
}
