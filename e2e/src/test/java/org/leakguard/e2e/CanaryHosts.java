package org.leakguard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A canary site in network namespaces: an "auth" host (the canary's: 192.0.2.10 for the
 * collector's API, 192.0.2.53 and 192.0.2.54 for authoritative servers) with a private /run, a
 * "vpn" host whose tunnel resolver (203.0.113.53) reaches the auth host from 192.0.2.30, and a
 * client (203.0.113.2) that resolves through the tunnel resolver only. Processes started here
 * are stopped and the namespaces deleted on close.
 */
final class CanaryHosts implements AutoCloseable {
    static final String API = "192.0.2.10";
    static final String KNOT = "192.0.2.53";
    static final String SECOND = "192.0.2.54";
    static final String THIRD = "192.0.2.55";
    static final String TUNNEL = "203.0.113.53";
    static final String TUNNEL_EGRESS = "192.0.2.30";
    static final String ZONE = "leaktest.example";
    static final String SOCKET = "/run/leakguard-canary/dnstap.sock";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String id = HexFormat.of().formatHex(randomBytes());
    final String auth = "lgda" + id;
    final String vpn = "lgdv" + id;
    final String client = "lgdc" + id;
    final Path dir;
    final Path authMounts;
    private final List<Runnable> cleanup = new ArrayList<>();

    CanaryHosts() throws IOException {
        dir = Files.createTempDirectory("lg-canary-");
        authMounts = dir.resolve("ns/mnt");
        try {
            network();
            mounts();
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return b;
    }

    private void network() {
        for (String ns : List.of(auth, vpn, client)) {
            Proc.ok(List.of("ip", "netns", "add", ns));
            cleanup.add(0, () -> Proc.run(List.of("ip", "netns", "del", ns)));
            Proc.ok(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
        for (String a : List.of(API, KNOT, SECOND, THIRD)) {
            Proc.ok(List.of("ip", "-n", auth, "addr", "add", a + "/32", "dev", "lo"));
        }
        veth("cv" + id, client, "vc" + id, vpn);
        Proc.ok(List.of("ip", "-n", client, "addr", "add", "203.0.113.2/24", "dev", "cv" + id));
        Proc.ok(List.of("ip", "-n", vpn, "addr", "add", TUNNEL + "/24", "dev", "vc" + id));
        veth("va" + id, vpn, "av" + id, auth);
        Proc.ok(List.of("ip", "-n", vpn, "addr", "add", TUNNEL_EGRESS + "/32", "dev", "va" + id));
        for (String a : List.of(API, KNOT, SECOND, THIRD)) {
            Proc.ok(List.of("ip", "-n", vpn, "route", "add", a + "/32", "dev", "va" + id, "src", TUNNEL_EGRESS));
        }
        Proc.ok(List.of("ip", "-n", auth, "route", "add", TUNNEL_EGRESS + "/32", "dev", "av" + id));
    }

    private static void veth(String a, String nsA, String b, String nsB) {
        Proc.ok(List.of("ip", "link", "add", a, "type", "veth", "peer", "name", b));
        Proc.ok(List.of("ip", "link", "set", a, "netns", nsA));
        Proc.ok(List.of("ip", "link", "set", b, "netns", nsB));
        Proc.ok(List.of("ip", "-n", nsA, "link", "set", a, "up"));
        Proc.ok(List.of("ip", "-n", nsB, "link", "set", b, "up"));
    }

    /** The auth host's private /run (tmpfs), where the collector's socket and the servers' run files live. */
    private void mounts() throws IOException {
        Path nsDir = authMounts.getParent();
        Files.createDirectories(nsDir);
        Proc.ok(List.of("mount", "--bind", nsDir.toString(), nsDir.toString()));
        cleanup.add(0, () -> Proc.run(List.of("umount", "-l", nsDir.toString())));
        Proc.ok(List.of("mount", "--make-private", nsDir.toString()));
        Files.createFile(authMounts);
        Proc.ok(List.of("unshare", "--mount=" + authMounts, "--propagation", "private", "mount", "-t", "tmpfs", "tmpfs", "/run"));
        cleanup.add(0, () -> Proc.run(List.of("umount", "-l", authMounts.toString())));
        Proc.ok(onAuth("mkdir", "-p", "/run/leakguard-canary", "/run/knot", "/run/named"));
    }

    /** argv run on the auth host: its network and its private /run. */
    List<String> onAuth(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/run/netns/" + auth, "--mount=" + authMounts, "--"));
        cmd.addAll(List.of(argv));
        return cmd;
    }

    List<String> on(String ns, String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(argv));
        return cmd;
    }

    /** Starts a long-running process; it is stopped on close (or earlier with {@link #stop}). */
    Process start(List<String> argv, String logName) throws IOException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(dir.resolve(logName + ".log").toFile()).start();
        cleanup.add(0, () -> stop(p));
        return p;
    }

    static void stop(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String log(String name) throws IOException {
        Path f = dir.resolve(name + ".log");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** The collector's API answer for {@code id}: the resolvers it saw, empty for a 404 or no answer. */
    List<String> observed(String id) throws IOException {
        Run r = Proc.run(on(auth, "curl", "-s", "-m", "3", "http://" + API + ":8080/v1/observations/" + id));
        List<String> out = new ArrayList<>();
        if (r.exit() == 0 && r.stdout().startsWith("{")) {
            JsonNode body = JSON.readTree(r.stdout());
            body.path("resolvers").forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Polls the API until {@code id} has been seen, for up to {@code seconds}. */
    List<String> awaitObserved(String id, int seconds) throws Exception {
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        List<String> seen = observed(id);
        while (seen.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(250);
            seen = observed(id);
        }
        return seen;
    }

    @Override
    public void close() {
        for (Runnable r : cleanup) {
            try {
                r.run();
            } catch (RuntimeException e) {
                // Clean up the rest regardless.
            }
        }
        Proc.run(List.of("rm", "-rf", dir.toString()));
    }
}
