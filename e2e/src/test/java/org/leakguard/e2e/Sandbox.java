package org.leakguard.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Three hosts in their own network namespaces, as in shared/SANDBOX.md: a client, an "ISP"
 * resolver (198.51.100.53) and a "tunnel" resolver (203.0.113.53), both real dnsmasq. The client
 * also has a persistent private mount namespace whose /etc is a copy, so the agent can rewrite
 * resolv.conf, sysctls and nft rules of the client without touching this machine.
 */
final class Sandbox implements AutoCloseable {
    static final String ISP = "198.51.100.53";
    static final String VPN = "203.0.113.53";
    static final String ISP6 = "2001:db8:1::53";
    static final String CANARY = "192.0.2.10";
    static final String CANARY_ZONE = "leaktest.example";
    /** The canary sees each resolver by the address it forwards from, not the one clients use. */
    static final String ISP_EGRESS = "192.0.2.20";
    static final String VPN_EGRESS = "192.0.2.30";
    private static final List<String> LEASE_FOLDERS =
            List.of("/var/lib/dhcp", "/var/lib/dhclient", "/var/lib/dhcpcd", "/var/lib/NetworkManager");

    final String id = HexFormat.of().formatHex(randomBytes());
    final Path dir;
    final String client = "lgc" + id;
    final String isp = "lgi" + id;
    final String vpn = "lgv" + id;
    final String canary = "lgk" + id;
    private Process canaryServer;
    final Path mountNs;
    final Path etc;
    final Path state;
    private final List<Runnable> cleanup = new ArrayList<>();
    private boolean bindMounted;

    private Sandbox() throws IOException {
        dir = Files.createTempDirectory("lg-e2e-");
        mountNs = dir.resolve("ns/mnt");
        etc = dir.resolve("etc");
        state = dir.resolve("state");
    }

    /** A client whose resolv.conf names the ISP resolver, with IPv6 on and no firewall. */
    static Sandbox leakyClient(boolean bindMountedResolvConf) throws IOException {
        return leakyClient(bindMountedResolvConf, false);
    }

    /** With {@code withCanary}, a fourth host runs {@code agent canary serve} and both resolvers forward its zone to it. */
    static Sandbox leakyClient(boolean bindMountedResolvConf, boolean withCanary) throws IOException {
        Sandbox s = new Sandbox();
        try {
            s.network(withCanary);
            s.mounts(bindMountedResolvConf);
            s.writeResolvConf("# written by DHCP\nnameserver " + ISP + "\noptions edns0\n");
            return s;
        } catch (RuntimeException | IOException e) {
            s.close();
            throw e;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private void network(boolean withCanary) throws IOException {
        List<String> hosts = withCanary ? List.of(client, isp, vpn, canary) : List.of(client, isp, vpn);
        for (String ns : hosts) {
            Proc.ok(List.of("ip", "netns", "add", ns));
            cleanup.add(0, () -> Proc.run(List.of("ip", "netns", "del", ns)));
            Proc.ok(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        link("ci" + id, client, "198.51.100.2/24", "ic" + id, isp, ISP + "/24");
        link("cv" + id, client, "203.0.113.2/24", "vc" + id, vpn, VPN + "/24");
        Proc.ok(List.of("ip", "-n", client, "-6", "addr", "add", "2001:db8:1::2/64", "dev", "ci" + id, "nodad"));
        Proc.ok(List.of("ip", "-n", isp, "-6", "addr", "add", ISP6 + "/64", "dev", "ic" + id, "nodad"));
        if (withCanary) {
            Proc.ok(List.of("ip", "-n", canary, "addr", "add", CANARY + "/32", "dev", "lo"));
            hostLink("ik" + id, isp, ISP_EGRESS, "ki" + id);
            hostLink("vk" + id, vpn, VPN_EGRESS, "kv" + id);
            hostLink("ck" + id, client, "192.0.2.2", "kc" + id);
            startCanary();
        }
        startDnsmasq(isp, ISP, ISP6, "198.51.100.1", withCanary);
        startDnsmasq(vpn, VPN, null, "203.0.113.1", withCanary);
    }

    /** A point-to-point link from a host (one /32 address) to the canary host. */
    private void hostLink(String a, String nsA, String addrA, String b) {
        pointToPoint(a, nsA, addrA, b, canary, CANARY);
    }

    /**
     * A veth from {@code nsA} (which gets {@code addrA}/32) to {@code nsB}, whose {@code addrB} is
     * already on its loopback: several hosts can reach one peer by the same address.
     */
    static void pointToPoint(String a, String nsA, String addrA, String b, String nsB, String addrB) {
        Proc.ok(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", b));
        Proc.ok(List.of("ip", "link", "set", a, "netns", nsA));
        Proc.ok(List.of("ip", "link", "set", b, "netns", nsB));
        Proc.ok(List.of("ip", "-n", nsA, "addr", "add", addrA + "/32", "dev", a));
        Proc.ok(List.of("ip", "-n", nsA, "link", "set", a, "up"));
        Proc.ok(List.of("ip", "-n", nsB, "link", "set", b, "up"));
        Proc.ok(List.of("ip", "-n", nsA, "route", "add", addrB + "/32", "dev", a, "src", addrA));
        Proc.ok(List.of("ip", "-n", nsB, "route", "add", addrA + "/32", "dev", b));
    }

    /** The packaged agent's own canary authority, as an organisation would run it. */
    private void startCanary() throws IOException {
        canaryServer = canaryServe(canary, CANARY_ZONE, CANARY + ":53", CANARY + ":8080");
        Process p = canaryServer;
        cleanup.add(0, () -> stop(p));
    }

    /** {@code agent canary serve} in {@code ns}, once it says it serves the zone; stopped if it never does. */
    static Process canaryServe(String ns, String zone, String dns, String http) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, Dist.launcher().toString(), "canary", "serve",
                "--zone", zone, "--dns", dns, "--http", http);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("canary zone")) {
                return p;
            }
            said.append(line).append('\n');
        }
        stop(p);
        throw new IllegalStateException("canary server did not start: " + said);
    }

    static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    /** Stops the canary authority, as an outage would. */
    void stopCanary() {
        stop(canaryServer);
    }

    String canaryApi() {
        return "http://" + CANARY + ":8080/v1/observations/{id}";
    }

    private void link(String a, String nsA, String addrA, String b, String nsB, String addrB) {
        Proc.ok(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", b));
        Proc.ok(List.of("ip", "link", "set", a, "netns", nsA));
        Proc.ok(List.of("ip", "link", "set", b, "netns", nsB));
        Proc.ok(List.of("ip", "-n", nsA, "addr", "add", addrA, "dev", a));
        Proc.ok(List.of("ip", "-n", nsB, "addr", "add", addrB, "dev", b));
        Proc.ok(List.of("ip", "-n", nsA, "link", "set", a, "up"));
        Proc.ok(List.of("ip", "-n", nsB, "link", "set", b, "up"));
    }

    private void startDnsmasq(String ns, String address, String address6, String answer, boolean forwardCanary) {
        Path pid = dir.resolve(ns + ".pid");
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns, "dnsmasq", "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=" + address, "--address=/#/" + answer, "--log-queries",
                "--log-facility=" + log(ns), "--pid-file=" + pid, "--user=root", "--group=root"));
        if (address6 != null) {
            argv.add("--listen-address=" + address6);
        }
        if (forwardCanary) {
            argv.add("--server=/" + CANARY_ZONE + "/" + CANARY);
        }
        Proc.ok(argv);
        cleanup.add(0, () -> kill(pid));
    }

    Path log(String ns) {
        return dir.resolve(ns + ".log");
    }

    /** What a resolver's query log says: one line per query, with the client's address. */
    String queries(String ns) throws IOException {
        Path log = log(ns);
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Stops the daemon a pid file names and waits until it is gone, so its port is free again. */
    static void kill(Path pidFile) {
        try {
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().completeOnTimeout(p, 10, java.util.concurrent.TimeUnit.SECONDS).join();
                });
            }
        } catch (IOException | NumberFormatException e) {
            // Nothing left to stop.
        }
    }

    /** A private mount namespace kept alive by a bind mount of its ns file, with /etc (or only resolv.conf) replaced. */
    private void mounts(boolean bindMountedResolvConf) throws IOException {
        Path nsDir = mountNs.getParent();
        Files.createDirectories(nsDir);
        Proc.ok(List.of("mount", "--bind", nsDir.toString(), nsDir.toString()));
        cleanup.add(0, () -> Proc.run(List.of("umount", "-l", nsDir.toString())));
        Proc.ok(List.of("mount", "--make-private", nsDir.toString()));
        Files.createFile(mountNs);
        Proc.ok(List.of("unshare", "--mount=" + mountNs, "--propagation", "private", "true"));
        cleanup.add(0, () -> Proc.run(List.of("umount", "-l", mountNs.toString())));
        Files.createDirectories(state);
        // Always a private copy of /etc, so nothing the agent writes (sysctl.d, dhclient.conf, boot
        // units) can reach this machine's own /etc; and a private /run, so no systemd is reached.
        Proc.ok(List.of("cp", "-a", "/etc", etc.toString()));
        Files.deleteIfExists(etc.resolve("resolv.conf"));
        Files.writeString(etc.resolve("resolv.conf"), "");
        inMountNs("mount", "--bind", etc.toString(), "/etc");
        if (bindMountedResolvConf) {
            Files.writeString(boundResolvConf(), "");
            inMountNs("mount", "--bind", boundResolvConf().toString(), "/etc/resolv.conf");
        }
        this.bindMounted = bindMountedResolvConf;
        inMountNs("mount", "-t", "tmpfs", "tmpfs", "/run");
        // The agent reads DHCP leases (who wrote resolv.conf, the portal's resolvers): the machine's own stay out.
        for (String leases : LEASE_FOLDERS) {
            if (Files.isDirectory(Path.of(leases))) {
                inMountNs("mount", "-t", "tmpfs", "tmpfs", leases);
            }
        }
    }

    /**
     * Overlays the client's view of system folders (e.g. /usr, /var), so a package can be installed
     * and purged for real in the client: every write lands in {@link #upper} inside this sandbox.
     */
    void overlay(String... targets) throws IOException {
        for (String target : targets) {
            overlay(target, null);
        }
    }

    /**
     * As {@link #overlay(String...)} for one folder, with {@code over} (when not null) as a lower
     * layer above the machine's own: what another machine's state would look like there, without
     * writing to this machine's folder.
     */
    void overlay(String target, Path over) throws IOException {
        Path upper = upper(target);
        Path work = dir.resolve("overlay-work" + target.replace('/', '-'));
        Files.createDirectories(upper);
        Files.createDirectories(work);
        String lower = over == null ? target : over + ":" + target;
        inMountNs("mount", "-t", "overlay", "overlay", "-o", "lowerdir=" + lower + ",upperdir=" + upper + ",workdir=" + work, target);
    }

    /** What the client wrote into an overlaid folder (see {@link #overlay}). */
    Path upper(String target) {
        return dir.resolve("overlay-upper" + target.replace('/', '-'));
    }

    private Path boundResolvConf() {
        return dir.resolve("resolv.conf.bound");
    }

    private void inMountNs(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--mount=" + mountNs, "--"));
        cmd.addAll(List.of(argv));
        Proc.ok(cmd);
    }

    /** The client's resolv.conf, through the file that backs it. */
    Path resolvConf() {
        return bindMounted ? boundResolvConf() : etc.resolve("resolv.conf");
    }

    void writeResolvConf(String text) throws IOException {
        Files.writeString(resolvConf(), text);
    }

    /** A command on the client: its network, and its private /etc. */
    Run onClient(String... argv) {
        return Proc.run(clientArgv(argv));
    }

    /** The argv that runs a command on the client, for one that has to outlive a call (a server). */
    List<String> clientArgv(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + client, "--mount=" + mountNs, "--"));
        cmd.addAll(List.of(argv));
        return cmd;
    }

    /** The packaged agent on the client, with this sandbox's state folder. */
    Run agent(String... args) {
        return Proc.run(agentArgv(args));
    }

    List<String> agentArgv(String... args) {
        List<String> cmd = clientArgv(Dist.launcher().toString(), "--state-dir", state.toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A DNS query from the client straight to one server, one try, one second. */
    Run dig(String server, String name) {
        return onClient("dig", "@" + server, name, "+time=1", "+tries=1", "+short");
    }

    String sysctl(String key) {
        return onClient("cat", "/proc/sys/" + key.replace('.', '/')).stdout().strip();
    }

    Run nftTable() {
        return onClient("nft", "list", "table", "inet", "leakguard");
    }

    @Override
    public void close() {
        for (Runnable r : cleanup) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Keep cleaning: one failure must not leave the rest behind.
            }
        }
        Proc.run(List.of("rm", "-rf", dir.toString()));
    }
}
