package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** kill -9 in the middle of apply: the next run puts the host back exactly. */
class KillRecoveryTest extends SandboxTest {
    @Test
    void aKillDuringTheFirewallLoadIsRolledBackByTheNextRun() throws Exception {
        sandbox = Sandbox.leakyClient(false);
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);
        Path policy = sandbox.dir.resolve("policy.yaml");
        Files.writeString(policy, LinuxSandboxTest.POLICY);
        Path slowBin = stallingNft();

        ProcessBuilder pb = new ProcessBuilder(sandbox.agentArgv("apply", policy.toString()));
        pb.environment().put("PATH", slowBin + ":" + System.getenv("PATH"));
        Process apply = pb.start();
        try {
            awaitFirewallIntent(Duration.ofSeconds(60));
        } finally {
            apply.descendants().forEach(ProcessHandle::destroyForcibly);
            apply.destroyForcibly();
            apply.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(sandbox.resolvConf())).as("apply got part of the way").contains("203.0.113.53");
        assertThat(sandbox.agent("status").stdout()).contains("unfinished");

        Run rollback = sandbox.agent("rollback", "--last");

        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.stdout()).contains("left unfinished").contains("rolled back");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");
        assertThat(sandbox.nftTable().exit()).isNotZero();
        assertThat(sandbox.agent("status").stdout()).doesNotContain("unfinished ");
    }

    /** An nft that hangs when asked to load a ruleset, so the kill lands mid-change. */
    private Path stallingNft() throws Exception {
        Path bin = sandbox.dir.resolve("slowbin");
        Files.createDirectories(bin);
        Path nft = bin.resolve("nft");
        String real = Files.isExecutable(Path.of("/usr/sbin/nft")) ? "/usr/sbin/nft" : "/sbin/nft";
        Files.writeString(nft, "#!/bin/sh\nif [ \"$1\" = \"-f\" ]; then sleep 120; fi\nexec " + real + " \"$@\"\n");
        Files.setPosixFilePermissions(nft, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private void awaitFirewallIntent(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Path txs = sandbox.state.resolve("transactions");
            if (Files.isDirectory(txs)) {
                try (Stream<Path> s = Files.walk(txs)) {
                    for (Path j : s.filter(p -> p.getFileName().toString().equals("journal.jsonl")).toList()) {
                        if (Files.readString(j).contains("\"program-state\"")) {
                            Thread.sleep(300);
                            return;
                        }
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("apply never reached the firewall change: " + List.of(sandbox.dir));
    }
}
