package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The verifier on split DNS with real traffic: the client's stub routes corporate names to the
 * corporate resolver and the rest to the pinned one, or misroutes them, and {@code leak-test}
 * must tell which. Every scenario also reads the resolvers' query logs, so the report cannot claim
 * what the traffic did not do. One sandbox serves all scenarios; each sets the stub it needs.
 */
class SplitDnsVerificationSandboxTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static Sandbox sandbox;
    static SplitDnsHosts hosts;
    static Path policy;

    @BeforeAll
    static void hosts() throws Exception {
        Dist.requireSandbox();
        sandbox = Sandbox.leakyClient(false, true);
        hosts = SplitDnsHosts.around(sandbox, SplitDnsHosts.Stub.SPLIT);
        policy = sandbox.dir.resolve("split.yaml");
        Files.writeString(policy, """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: e2e-split}
                spec:
                  resolvers:
                    servers: [%s]
                    routes:
                      - domains: [%s]
                        servers: [%s]
                        probeName: %s
                        canary: {domain: %s, api: "%s"}
                      - domains: [%s]
                        servers: [%s]
                        probeName: %s
                  verify:
                    canary: {domain: %s, api: "%s"}
                    timeout: 1s
                """.formatted(SplitDnsHosts.PUBLIC, SplitDnsHosts.CORP_ZONE, SplitDnsHosts.CORP, SplitDnsHosts.PROBE_NAME,
                SplitDnsHosts.CORP_CANARY_ZONE, SplitDnsHosts.CORP_CANARY_API, SplitDnsHosts.CORP_INTERNAL, SplitDnsHosts.CORP,
                SplitDnsHosts.PROBE_INTERNAL, Sandbox.CANARY_ZONE, sandbox.canaryApi()));
    }

    @AfterAll
    static void close() {
        if (hosts != null) {
            hosts.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    static JsonNode leakTest(SplitDnsHosts.Stub stub, int exit) throws Exception {
        hosts.stub(stub);
        Run run = sandbox.agent("--format", "json", "leak-test", policy.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
        return JSON.readTree(run.stdout());
    }

    @Test
    void eachNameReachesOnlyItsOwnResolverAndTheReportSaysWhere() throws Exception {
        JsonNode report = leakTest(SplitDnsHosts.Stub.SPLIT, 0);

        JsonNode route = VerificationSandboxTest.probe(report, "route-canary", SplitDnsHosts.CORP_CANARY_ZONE);
        assertThat(route.path("passed").asBoolean()).isTrue();
        assertThat(route.path("observed").asText()).isEqualTo("asked by " + SplitDnsHosts.CORP
                + ": names under " + SplitDnsHosts.CORP_ZONE + " reach only the route's servers");
        assertThat(route.path("routing").path("askedBy").toString()).isEqualTo("[\"" + SplitDnsHosts.CORP + "\"]");
        assertThat(route.path("routing").path("domains").toString()).isEqualTo("[\"" + SplitDnsHosts.CORP_ZONE + "\"]");
        JsonNode general = VerificationSandboxTest.probe(report, "canary", Sandbox.CANARY_ZONE);
        assertThat(general.path("observed").asText()).isEqualTo("asked by " + SplitDnsHosts.PUBLIC);
        assertThat(general.path("routing").path("domains").isEmpty()).isTrue();
        JsonNode internal = VerificationSandboxTest.probe(report, "route-name", SplitDnsHosts.PROBE_INTERNAL);
        assertThat(internal.path("passed").asBoolean()).isTrue();
        assertThat(internal.path("observed").asText()).contains("as " + SplitDnsHosts.CORP + " does")
                .contains("not that its names go only there (no route canary)");
        assertThat(internal.path("routing").path("systemAnswer").toString()).isEqualTo("[\"" + SplitDnsHosts.PROBE_ANSWER + "\"]");
        assertThat(VerificationSandboxTest.probe(report, "route-name", SplitDnsHosts.PROBE_NAME).path("observed").asText())
                .doesNotContain("no route canary");

        String corpLog = hosts.queries(hosts.corp);
        String publicLog = hosts.queries(hosts.pub);
        assertThat(corpLog).contains(route.path("target").asText()).doesNotContain(general.path("target").asText());
        assertThat(publicLog).contains(general.path("target").asText()).doesNotContain(route.path("target").asText());
    }

    @Test
    void corporateNamesSentToThePinnedResolverAreNonCompliantWithTheFinding() throws Exception {
        JsonNode report = leakTest(SplitDnsHosts.Stub.ALL_PUBLIC, 3);

        JsonNode route = VerificationSandboxTest.probe(report, "route-canary", SplitDnsHosts.CORP_CANARY_ZONE);
        assertThat(route.path("passed").asBoolean(true)).isFalse();
        assertThat(route.path("observed").asText()).contains("not allowed: " + SplitDnsHosts.PUBLIC + " (pinned)")
                .contains("corporate names go to the pinned (public) resolver, a leak of internal names")
                .contains("only to " + SplitDnsHosts.CORP + " (spec.resolvers.routes)");
        JsonNode name = VerificationSandboxTest.probe(report, "route-name", SplitDnsHosts.PROBE_NAME);
        assertThat(name.path("passed").asBoolean(true)).isFalse();
        assertThat(name.path("observed").asText()).contains("the system resolver has no address for " + SplitDnsHosts.PROBE_NAME);
        assertThat(report.path("result").asText()).isEqualTo("non-compliant");
        assertThat(report.path("messages").toString()).contains("corporate names go to the pinned (public) resolver");
        assertThat(hosts.queries(hosts.pub)).contains(route.path("target").asText());
        assertThat(hosts.queries(hosts.corp)).doesNotContain(route.path("target").asText());
    }

    @Test
    void publicNamesSentToTheCorporateResolverAreNonCompliantWithTheFinding() throws Exception {
        JsonNode report = leakTest(SplitDnsHosts.Stub.ALL_CORPORATE, 3);

        JsonNode general = VerificationSandboxTest.probe(report, "canary", Sandbox.CANARY_ZONE);
        assertThat(general.path("passed").asBoolean(true)).isFalse();
        assertThat(general.path("observed").asText()).contains("not allowed: " + SplitDnsHosts.CORP + " (route " + SplitDnsHosts.CORP_ZONE + ")")
                .contains("public names go to the corporate resolver");
        assertThat(VerificationSandboxTest.probe(report, "route-canary", SplitDnsHosts.CORP_CANARY_ZONE).path("passed").asBoolean()).isTrue();
        assertThat(hosts.queries(hosts.corp)).contains(general.path("target").asText());
        assertThat(hosts.queries(hosts.pub)).doesNotContain(general.path("target").asText());
    }

    @Test
    void aCorporateResolverThatIsDownIsUnknownNeverALeakNorAPass() throws Exception {
        hosts.corporateResolver(false);
        JsonNode report;
        try {
            report = leakTest(SplitDnsHosts.Stub.SPLIT, 3);
        } finally {
            hosts.corporateResolver(true);
        }

        JsonNode route = VerificationSandboxTest.probe(report, "route-canary", SplitDnsHosts.CORP_CANARY_ZONE);
        assertThat(route.path("passed").isNull()).as(route.toString()).isTrue();
        assertThat(route.path("observed").asText()).contains("the route's servers (" + SplitDnsHosts.CORP + ") do not answer either");
        assertThat(route.path("routing").path("askedBy").isEmpty()).isTrue();
        JsonNode name = VerificationSandboxTest.probe(report, "route-name", SplitDnsHosts.PROBE_NAME);
        assertThat(name.path("passed").isNull()).as(name.toString()).isTrue();
        assertThat(name.path("observed").asText()).contains("cannot compare");
        assertThat(VerificationSandboxTest.probe(report, "canary", Sandbox.CANARY_ZONE).path("passed").asBoolean()).isTrue();
        assertThat(hosts.queries(hosts.pub)).doesNotContain(route.path("target").asText());
    }
}
