package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code agent watch} on a sandboxed client (own network and mount namespaces, private /etc and
 * /run): resolv.conf rewritten from outside is repaired within a second, a deleted nft table as soon
 * as nft's monitor reports it, a re-enabled IPv6 at the next poll (1 s), a fighter meets back-off with
 * little CPU, SIGTERM stops it.
 */
class WatchSandboxTest {
    /** Between drifts: past the 1 s fight window of the last repair with room to spare, so each is fresh. */
    private static final long GAP_MS = 2500;
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: e2e-watch}
            spec:
              resolvers: {servers: [203.0.113.53], searchDomains: [corp.example]}
              ipv6: disable
              firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
              verify: {probes: false}
            """;
    /** What the sandbox's "DHCP" wrote first, so a repair gives back the same pinned file each time. */
    static final String DRIFT = "# written by DHCP\nnameserver " + Sandbox.ISP + "\noptions edns0\n";

    Sandbox sandbox;
    Process watch;
    final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void requireSandbox() {
        Dist.requireSandbox();
    }

    @AfterEach
    void tearDown() throws Exception {
        synchronized (log) {
            log.forEach(l -> System.out.println("agent watch: " + l));
        }
        if (watch != null) {
            watch.descendants().forEach(ProcessHandle::destroyForcibly);
            watch.destroyForcibly();
            watch.waitFor(10, TimeUnit.SECONDS);
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    void startWatch(String... options) throws IOException, InterruptedException {
        Path policy = sandbox.dir.resolve("policy.yaml");
        Files.writeString(policy, POLICY);
        List<String> args = new ArrayList<>(List.of("watch", policy.toString()));
        args.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(sandbox.agentArgv(args.toArray(String[]::new)));
        pb.redirectErrorStream(true);
        watch = pb.start();
        Process p = watch;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    log.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitTrue(() -> logged("repair #1 (start"), 30_000, "the first repair");
        awaitTrue(() -> sandbox.nftTable().exit() == 0, 5_000, "the nft table");
    }

    boolean logged(String text) {
        synchronized (log) {
            return log.stream().anyMatch(l -> l.contains(text));
        }
    }

    String pinned() throws IOException {
        return Files.readString(sandbox.resolvConf());
    }

    @Test
    void driftsAreRepairedAndSigtermStopsIt() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        // A 1 s fight window so drifts 2.5 s apart each count as new, and none waits for back-off: the
        // window starts when the repair's transaction ends, which on a loaded machine is well after the file is back.
        startWatch("--fight-window", "1s");
        String want = pinned();
        assertThat(want).contains("nameserver 203.0.113.53");

        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Thread.sleep(GAP_MS);
            long t0 = System.nanoTime();
            if (i % 2 == 0) {
                // As dhclient-script and NetworkManager do: a new file renamed over the old one.
                Path tmp = sandbox.resolvConf().resolveSibling("resolv.conf.dhcp-new");
                Files.writeString(tmp, DRIFT);
                Files.move(tmp, sandbox.resolvConf(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.writeString(sandbox.resolvConf(), DRIFT);
            }
            awaitTrue(() -> want.equals(readOrEmpty(sandbox.resolvConf())), 5_000, "repair of drift " + i);
            ms.add((System.nanoTime() - t0) / 1_000_000);
        }
        List<Long> sorted = ms.stream().sorted().toList();
        System.out.println("watch drift-to-repair, resolv.conf (ms): " + ms + " median " + sorted.get(sorted.size() / 2) + " max "
                + sorted.get(sorted.size() - 1));
        assertThat(sorted.get(sorted.size() / 2)).as("median drift-to-repair").isLessThan(2000);

        Thread.sleep(GAP_MS);
        long t0 = System.nanoTime();
        sandbox.onClient("nft", "delete", "table", "inet", "leakguard");
        awaitTrue(() -> sandbox.nftTable().exit() == 0, 8_000, "the nft table back");
        long nft = (System.nanoTime() - t0) / 1_000_000;
        Thread.sleep(GAP_MS);
        t0 = System.nanoTime();
        Run reset = sandbox.onClient("sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=0");
        assertThat(reset.exit()).as(reset.toString()).isZero();
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");
        awaitTrue(() -> sandbox.sysctl("net.ipv6.conf.all.disable_ipv6").equals("1"), 8_000, "IPv6 disabled again");
        long sysctl = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("watch drift-to-repair at the default 1 s poll: nft table deleted " + nft + " ms, disable_ipv6 reset " + sysctl + " ms");

        // kill(1), not Process.destroy(): destroy also closes our end of the agent's stdout.
        Proc.ok(List.of("kill", "-TERM", Long.toString(watch.pid())));
        assertThat(watch.waitFor(15, TimeUnit.SECONDS)).as("SIGTERM ends it").isTrue();
        awaitTrue(() -> logged("stopped after 10 repair(s)"), 2_000, "the last line, after the repair in progress");
        assertThat(sandbox.agent("status").stdout()).doesNotContain("unfinished ");
        assertThat(Files.list(sandbox.state.resolve("reports")).count()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void aFlushedRulesetIsPutBackFromNftEventsNotThePoll() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        startWatch("--poll", "30s", "--fight-window", "1s");
        awaitTrue(() -> logged("following nftables"), 5_000, "the nft monitor");
        // Past the 1 s fight window of the first repair, so the flush is a fresh drift, repaired at once.
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        Run flush = sandbox.onClient("nft", "flush", "ruleset");
        assertThat(flush.exit()).as(flush.toString()).isZero();
        awaitTrue(() -> sandbox.nftTable().exit() == 0, 5_000, "the nft table back");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("watch flush-to-repair from nft events (ms, including two nft runs of the test): " + ms);
        assertThat(ms).as("with a 30 s poll, only the event explains a repair this soon").isLessThan(3000);
        // The line comes when the repair's transaction is over, after the table is back.
        awaitTrue(() -> logged("repair #2 (nftables: delete"), 5_000, "the repair's log line, naming the nft event");
    }

    @Test
    void aChangedPolicyFileIsEnforcedNotFought() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        startWatch("--fight-window", "1s");
        Thread.sleep(1500);
        Path policy = sandbox.dir.resolve("policy.yaml");
        Path next = sandbox.dir.resolve("policy.yaml.new");
        Files.writeString(next, POLICY.replace("searchDomains: [corp.example]", "searchDomains: [branch.example]"));
        Files.move(next, policy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        // The watch may be repairing to the new file already: queue behind it, as an admin would.
        Run apply = sandbox.agent("--wait", "30", "apply", policy.toString());
        assertThat(apply.exit()).as(apply.toString()).isZero();
        awaitTrue(() -> logged("policy " + policy + " changed: enforcing sha256"), 5_000, "the watch loading the new policy");
        Thread.sleep(2000);
        assertThat(pinned()).contains("search branch.example").doesNotContain("corp.example");
        synchronized (log) {
            assertThat(log).as("no repair back to the old policy").noneMatch(l -> l.contains("search [corp.example]") && l.contains("repair #"));
        }
    }

    @Test
    void aFighterMeetsBackoffAndCostsLittleCpu() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        startWatch();
        long java = javaPid();
        Thread.sleep(500);
        long[] before = cpu(java);
        long end = System.nanoTime() + 6_000_000_000L;
        int writes = 0;
        while (System.nanoTime() < end) {
            Files.writeString(sandbox.resolvConf(), DRIFT);
            writes++;
            Thread.sleep(10);
        }
        long[] after = cpu(java);
        double share = (after[0] - before[0]) / 100.0 / ((after[1] - before[1]) / 1e9);
        long repairs;
        synchronized (log) {
            repairs = log.stream().filter(l -> l.matches("\\S+ repair #\\d+ .*")).count();
        }
        System.out.printf("watch under a fighter (%d rewrites in 6 s): %.1f%% of one core, %d repairs%n", writes, share * 100, repairs);
        assertThat(logged("backoff: drift came back")).as(String.join("\n", log)).isTrue();
        assertThat(share).as("CPU share of one core").isLessThan(0.10);
        // The first repair, then back-off from 1 s doubling: about four in 6.5 s, never hundreds.
        assertThat(repairs).as(String.join("\n", log)).isBetween(2L, 5L);
    }

    /** The JVM under nsenter and the launcher script. */
    long javaPid() throws IOException {
        List<ProcessHandle> all = new ArrayList<>(watch.descendants().toList());
        all.add(0, watch.toHandle());
        for (ProcessHandle h : all) {
            if (Files.readString(Path.of("/proc/" + h.pid() + "/comm")).strip().equals("java")) {
                return h.pid();
            }
        }
        throw new AssertionError("no java process under " + watch.pid());
    }

    /** utime + stime of the whole process in clock ticks (USER_HZ, 100 on Linux), and when it was read. */
    static long[] cpu(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12]), System.nanoTime()};
    }

    static String readOrEmpty(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    static void awaitTrue(BooleanSupplier done, long ms, String what) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000;
        while (System.nanoTime() < end) {
            if (done.getAsBoolean()) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("not within " + ms + " ms: " + what);
    }
}
