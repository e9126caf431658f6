package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * verify.canary.api as a list, end to end: one canary authority is down, the other answers, so
 * apply is proven and the report names the one that did not answer.
 */
class CanaryAuthoritiesSandboxTest extends SandboxTest {
    static final String DOWN = "http://" + Sandbox.CANARY + ":8081/v1/observations/{id}";

    @Test
    void oneAuthorityDownTheOtherProvesTheApply() throws Exception {
        sandbox = Sandbox.leakyClient(false, true);
        Path policy = writePolicy("""
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: e2e-canaries}
                spec:
                  resolvers: {servers: [%s]}
                  ipv6: disable
                  firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
                  verify:
                    forbidden: [198.51.100.53]
                    canary:
                      domain: %s
                      api: ["%s", "%s"]
                      expect: [%s]
                    timeout: 1s
                """.formatted(Sandbox.VPN, Sandbox.CANARY_ZONE, DOWN, sandbox.canaryApi(), Sandbox.VPN_EGRESS));

        Run run = sandbox.agent("--format", "json", "apply", policy.toString());

        assertThat(run.exit()).as(run.toString()).isZero();
        JsonNode canary = VerificationSandboxTest.probe(VerificationSandboxTest.JSON.readTree(run.stdout()), "canary",
                Sandbox.CANARY_ZONE);
        assertThat(canary.path("passed").asBoolean()).as(canary.toString()).isTrue();
        assertThat(canary.path("observed").asText()).startsWith("asked by " + Sandbox.VPN_EGRESS + ";")
                .contains("canary APIs answered: " + Sandbox.CANARY + ":8080")
                .contains("not answered: " + Sandbox.CANARY + ":8081");
    }
}
