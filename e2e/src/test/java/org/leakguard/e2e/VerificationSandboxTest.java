package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verification on real traffic: a client, an ISP resolver and a tunnel resolver (dnsmasq), both
 * forwarding the canary zone to {@code agent canary serve} on a fourth host. Every scenario checks
 * the dnsmasq query logs as well as the agent's report, so the report cannot claim what the
 * traffic did not do.
 */
class VerificationSandboxTest extends SandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();

    Path policy(String pinned) throws IOException {
        Path p = sandbox.dir.resolve("verify-" + pinned + ".yaml");
        Files.writeString(p, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: e2e-verify}
                spec:
                  resolvers: {servers: [%s]}
                  ipv6: disable
                  firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
                  verify:
                    forbidden: [198.51.100.53]
                    canary: {domain: %s, api: "%s", expect: [%s]}
                    timeout: 1s
                    onFailure: rollback
                """.formatted(pinned, Sandbox.CANARY_ZONE, sandbox.canaryApi(), Sandbox.VPN_EGRESS));
        return p;
    }

    static JsonNode probe(JsonNode report, String kind, String targetPart) {
        for (JsonNode p : report.path("probes")) {
            if (p.path("kind").asText().equals(kind) && p.path("target").asText().contains(targetPart)) {
                return p;
            }
        }
        throw new AssertionError("no " + kind + " probe for " + targetPart + " in " + report.toPrettyString());
    }

    @Test
    void leakTestOnALeakyClientSeesTheIspResolverAskTheCanary() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);

        Run run = sandbox.agent("--format", "json", "leak-test", policy(Sandbox.VPN).toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        JsonNode canary = probe(JSON.readTree(run.stdout()), "canary", Sandbox.CANARY_ZONE);
        assertThat(canary.path("passed").asBoolean(true)).isFalse();
        assertThat(canary.path("observed").asText()).contains(Sandbox.ISP_EGRESS);
        assertThat(sandbox.queries(sandbox.isp)).contains(canary.path("target").asText());
        assertThat(sandbox.queries(sandbox.vpn)).doesNotContain(canary.path("target").asText());
        Run text = sandbox.agent("leak-test", policy(Sandbox.VPN).toString());
        assertThat(text.stdout()).contains("canary: asked by " + Sandbox.ISP_EGRESS, "forbidden reachable: 198.51.100.53");
    }

    @Test
    void applyOfAPinningPolicyIsProvenByTheCanary() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);

        Run run = sandbox.agent("--format", "json", "apply", policy(Sandbox.VPN).toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode report = JSON.readTree(run.stdout());
        JsonNode canary = probe(report, "canary", Sandbox.CANARY_ZONE);
        assertThat(canary.path("passed").asBoolean()).isTrue();
        assertThat(canary.path("observed").asText()).isEqualTo("asked by " + Sandbox.VPN_EGRESS);
        for (String kind : List.of("dns-udp", "dns-tcp", "dot")) {
            assertThat(probe(report, kind, Sandbox.ISP).path("passed").asBoolean()).as(kind).isTrue();
        }
        assertThat(probe(report, "pinned", Sandbox.VPN).path("passed").asBoolean()).isTrue();
        assertThat(probe(report, "ipv6", "global").path("passed").asBoolean()).isTrue();
        assertThat(sandbox.queries(sandbox.vpn)).contains(canary.path("target").asText());
        assertThat(sandbox.queries(sandbox.isp)).doesNotContain(canary.path("target").asText());
    }

    @Test
    void aPinnedResolverThatDoesNotAnswerRollsEverythingBack() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);
        Map<String, byte[]> before = LinuxSandboxTest.snapshot(sandbox.etc);

        Run run = sandbox.agent("--format", "json", "apply", policy("203.0.113.99").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(report.path("result").asText()).isEqualTo("rolled-back");
        assertThat(probe(report, "pinned", "203.0.113.99").path("passed").asBoolean(true)).isFalse();
        assertThat(report.path("messages").toString()).contains("probe pinned 203.0.113.99");
        LinuxSandboxTest.assertSameFiles(LinuxSandboxTest.snapshot(sandbox.etc), before);
        assertThat(sandbox.nftTable().exit()).isNotZero();
        assertThat(sandbox.sysctl("net.ipv6.conf.all.disable_ipv6")).isEqualTo("0");
    }

    @Test
    void aFirewallThatDoesNotHoldIsCaughtByCheck() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);
        assertThat(sandbox.agent("apply", policy(Sandbox.VPN).toString()).exit()).isZero();
        assertThat(sandbox.onClient("nft", "delete", "table", "inet", "leakguard").exit()).isZero();
        // The table alone is not enough: the policy-routing layer still holds DNS to the pinned server.
        Run held = sandbox.agent("--format", "json", "check", policy(Sandbox.VPN).toString());
        assertThat(held.exit()).as(held.toString()).isEqualTo(3);
        assertThat(probe(JSON.readTree(held.stdout()), "dns-udp", Sandbox.ISP).path("passed").asBoolean(false)).isTrue();
        assertThat(sandbox.onClient("ip", "rule", "flush", "protocol", "176").exit()).isZero();
        assertThat(sandbox.onClient("ip", "-6", "rule", "flush", "protocol", "176").exit()).isZero();

        Run check = sandbox.agent("--format", "json", "check", policy(Sandbox.VPN).toString());

        assertThat(check.exit()).as(check.toString()).isEqualTo(3);
        JsonNode udp = probe(JSON.readTree(check.stdout()), "dns-udp", Sandbox.ISP);
        assertThat(udp.path("passed").asBoolean(true)).isFalse();
        assertThat(udp.path("observed").asText()).startsWith("answered");
        assertThat(sandbox.queries(sandbox.isp)).contains("leakguard-probe.invalid from 198.51.100.2");
    }

    @Test
    void anUnreachableCanaryApiIsUnknownNotPassed() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);
        sandbox.stopCanary();

        Run run = sandbox.agent("--format", "json", "leak-test", policy(Sandbox.VPN).toString());

        assertThat(run.exit()).isEqualTo(3);
        JsonNode canary = probe(JSON.readTree(run.stdout()), "canary", Sandbox.CANARY_ZONE);
        assertThat(canary.path("passed").isNull()).as(canary.toString()).isTrue();
        assertThat(canary.path("observed").asText()).contains("unreachable");
    }
}
