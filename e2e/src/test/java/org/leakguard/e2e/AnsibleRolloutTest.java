package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/ansible's rollout.yml, run by Debian's ansible-playbook over real SSH against three
 * sandbox hosts (see {@link SshFleet}): the role installs the .deb with dpkg and runs the real
 * agent on each host's own resolv.conf, nft and sysctls.
 */
class AnsibleRolloutTest {
    static final Path ANSIBLE = Path.of(System.getProperty("leakguard.deploy", "../deploy")).resolve("ansible").toAbsolutePath().normalize();
    static final Path PLAYBOOK = ANSIBLE.resolve("rollout.yml");
    static final int HOSTS = 3;

    static SshFleet fleet;

    @BeforeAll
    static void startFleet() throws IOException {
        Dist.requireSandbox("dpkg", "ansible-playbook", "ssh", "ssh-keygen", "sshd");
        long start = System.nanoTime();
        fleet = SshFleet.of(HOSTS);
        System.out.printf("%d sandbox hosts with sshd in %d ms%n", HOSTS, (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    static void stopFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    static String policy(String pinned) {
        return policy(pinned, "");
    }

    static String policy(String pinned, String verifyMore) {
        return """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: e2e-rollout}
                spec:
                  resolvers: {servers: [%s]}
                  ipv6: disable
                  firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
                  verify: {forbidden: [%s], timeout: 1s, onFailure: rollback%s}
                """.formatted(pinned, Sandbox.ISP, verifyMore);
    }

    /** rollout.yml with {@code policyText}, logged under {@code label} with its output and time. */
    Run rollout(String label, String policyText, String... more) throws IOException {
        Path policy = fleet.dir.resolve("policy-" + label + ".yaml");
        Files.writeString(policy, policyText);
        // The archive costs 5-20 s of CPU per host; DebPackageTest proves it, this test the rollout.
        List<String> args = new ArrayList<>(List.of("-e", "leakguard_deb=" + Dist.deb(), "-e", "leakguard_policy=" + policy,
                "-e", "leakguard_cds=false"));
        args.addAll(List.of(more));
        long start = System.nanoTime();
        Run run = fleet.ansiblePlaybook(PLAYBOOK, args.toArray(String[]::new));
        System.out.printf("rollout of %s %s: exit %d in %d ms%n%s%n", label, String.join(" ", more), run.exit(),
                (System.nanoTime() - start) / 1_000_000, run.stdout());
        return run;
    }

    @Test
    void thePlaybookAndRolePassTheSyntaxCheck() throws IOException {
        Run syntax = fleet.ansiblePlaybook(PLAYBOOK, "--syntax-check");
        assertThat(syntax.exit()).as(syntax.toString()).isZero();
    }

    /**
     * One fleet for a series of rollouts, as an admin would see them: a policy whose pinned resolver
     * does not answer stops at the canary host, which the agent rolls back; a good policy then
     * converges every host; a check-mode run afterwards finds nothing to change on a converged host;
     * a policy whose canary API is down stops at the canary host unless told to warn.
     */
    @Test
    void aBrokenPolicyStopsAtTheCanaryAGoodOneConvergesAnUnprovenOneStops() throws IOException {
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(fleet.hosts.get(0).etc);

        Run broken = rollout("broken", policy("203.0.113.99"));

        assertThat(broken.exit()).as(broken.toString()).isNotZero();
        assertThat(broken.stdout()).contains("exit 4, verification failed and the agent rolled everything back",
                "probe pinned 203.0.113.99");
        Map<String, String> recap = recap(broken.stdout());
        assertThat(recap).containsOnlyKeys("h1");
        assertThat(recap.get("h1")).contains("failed=1");
        for (Sandbox host : fleet.hosts) {
            assertThat(Files.readString(host.resolvConf())).contains("nameserver " + Sandbox.ISP).doesNotContain("203.0.113.99");
            assertThat(host.nftTable().exit()).as("no leakguard table on " + host.client).isNotZero();
            assertThat(host.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");
            assertThat(host.etc.resolve("leakguard/policy.yaml")).doesNotExist();
        }
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(fleet.hosts.get(0).etc), before);
        assertThat(installed(fleet.hosts.get(1))).as("the rollout never reached h2").isFalse();

        // Check mode on a host without the agent: no plan is possible, and the run says so.
        Run noAgent = rollout("good", policy(Sandbox.VPN), "--check", "--limit", "h2");
        assertThat(noAgent.exit()).as(noAgent.toString()).isZero();
        assertThat(noAgent.stdout()).contains("leakguard is not installed on h2", "there is no plan for this host",
                "Plan (agent apply --dry-run; exit 3 means changes pending)] ***\nskipping: [h2]");
        assertThat(installed(fleet.hosts.get(1))).as("check mode installed nothing").isFalse();

        Run good = rollout("good", policy(Sandbox.VPN));

        assertThat(good.exit()).as(good.toString()).isZero();
        recap = recap(good.stdout());
        assertThat(recap).containsOnlyKeys("h1", "h2", "h3");
        recap.forEach((host, line) -> assertThat(line).as(host).contains("changed=", "failed=0").doesNotContain("changed=0"));
        for (Sandbox host : fleet.hosts) {
            assertThat(Files.readString(host.resolvConf())).contains("nameserver " + Sandbox.VPN).doesNotContain(Sandbox.ISP);
            assertThat(host.nftTable().stdout()).contains("203.0.113.53");
            assertThat(host.dig(Sandbox.ISP, "leak.example").stdout()).doesNotContain("198.51.100.1");
            assertThat(host.dig(Sandbox.VPN, "ok.example").stdout()).contains("203.0.113.1");
            assertThat(Files.readString(host.etc.resolve("leakguard/policy.yaml"))).isEqualTo(policy(Sandbox.VPN));
        }

        // Check mode on one converged host (a run per host costs several seconds): nothing to change.
        Run dryRun = rollout("good", policy(Sandbox.VPN), "--check", "--limit", "h2");

        assertThat(dryRun.exit()).as(dryRun.toString()).isZero();
        assertThat(dryRun.stdout()).contains("Plan (agent apply --dry-run");
        assertThat(recap(dryRun.stdout())).containsOnlyKeys("h2");
        assertThat(recap(dryRun.stdout()).get("h2")).contains("changed=0", "failed=0");

        // A canary API that cannot be reached: applied but not proven (exit 3) fails the canary host
        // by default, and the rollout stops there; leakguard_unproven=warn lets the host pass.
        String unproven = policy(Sandbox.VPN, ", canary: {domain: " + Sandbox.CANARY_ZONE + ", api: \"http://" + Sandbox.CANARY
                + ":8080/v1/observations/{id}\"}");
        Run fail = rollout("unproven", unproven);

        assertThat(fail.exit()).as(fail.toString()).isNotZero();
        assertThat(fail.stdout()).contains("exit 3, applied but not proven");
        assertThat(recap(fail.stdout())).containsOnlyKeys("h1");
        assertThat(Files.readString(fleet.hosts.get(0).resolvConf())).contains("nameserver " + Sandbox.VPN);
        assertThat(fleet.hosts.get(0).nftTable().exit()).isZero();

        Run warn = rollout("unproven", unproven, "--limit", "h1", "-e", "leakguard_unproven=warn");

        assertThat(warn.exit()).as(warn.toString()).isZero();
        assertThat(warn.stdout()).contains("WARNING leakguard: applied on h1 but not proven (exit 3)");
        assertThat(Files.readString(fleet.hosts.get(0).etc.resolve("leakguard/policy.yaml"))).isEqualTo(unproven);
    }

    static boolean installed(Sandbox host) {
        return host.onClient("dpkg-query", "-W", "-f", "${Status}", "leakguard").stdout().contains("install ok installed");
    }

    /** PLAY RECAP lines by host: "h1 : ok=3 changed=1 unreachable=0 failed=1 ...". */
    static Map<String, String> recap(String stdout) {
        Map<String, String> out = new TreeMap<>();
        int at = stdout.lastIndexOf("PLAY RECAP");
        assertThat(at).as("no PLAY RECAP in\n" + stdout).isNotNegative();
        Matcher m = Pattern.compile("(?m)^(\\S+)\\s+:\\s+(ok=.*)$").matcher(stdout.substring(at));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }
}
