package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules a loaded policy must pass, applied to records built in code. The records
 * themselves stay permissive: controls are tested with values a loader would refuse.
 */
class PolicyRulesTest {
    private static final Metadata META = new Metadata("a", null);

    @Test
    void recordsAcceptWhatTheRulesRefuse() {
        Resolvers bad = new Resolvers(null, List.of("corp.example\"; evil"), null, null, Encryption.DOT, null, null);

        assertThat(bad.searchDomains()).hasSize(1);
        assertThatThrownBy(() -> check(new Spec(bad, null, null, null, null, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("spec.resolvers.searchDomains[0]: \"corp.example\\\"; evil\" is not a DNS name");
    }

    @Test
    void dotWithoutTlsName() {
        Resolvers r = new Resolvers(null, null, null, null, Encryption.DOT, null, null);

        assertThatThrownBy(() -> check(new Spec(r, null, null, null, null, null)))
                .hasMessageStartingWith("spec.resolvers.encryption: dot needs tlsName");
    }

    @Test
    void browsersResolverWithoutTemplate() {
        assertThatThrownBy(() -> check(new Spec(null, null, null, null, new Browsers(BrowserDoh.RESOLVER), null)))
                .hasMessageStartingWith("spec.browsers.doh: resolver needs spec.resolvers.dohTemplate");
    }

    @Test
    void serverThatIsAlsoForbidden() throws Exception {
        Resolvers resolvers = new Resolvers(List.of(ip(203, 0, 113, 53)), null, null, null, null, null, null);
        Verify verify = new Verify(null, List.of(ip(198, 51, 100, 53), ip(203, 0, 113, 53)), null, null, null, null);

        assertThatThrownBy(() -> check(new Spec(resolvers, null, null, null, null, verify)))
                .hasMessageStartingWith("spec.verify.forbidden[1]: 203.0.113.53 is also in spec.resolvers.servers");
    }

    @Test
    void identityAndName() {
        assertThatThrownBy(() -> PolicyRules.check(new Policy(null, Policy.KIND, META, null)))
                .hasMessageStartingWith("apiVersion: missing");
        assertThatThrownBy(() -> PolicyRules.check(new Policy(Policy.API_VERSION, "Other", META, null)))
                .hasMessageStartingWith("kind: \"Other\" is not supported");
        assertThatThrownBy(() -> PolicyRules.check(new Policy(Policy.API_VERSION, Policy.KIND, new Metadata("-a", null), null)))
                .hasMessageStartingWith("metadata.name: \"-a\" is not a valid name");
        assertThatThrownBy(() -> new Policy(Policy.API_VERSION, Policy.KIND, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("metadata: missing");
    }

    @Test
    void timeoutRange() {
        assertThatThrownBy(() -> check(verifyOnly(new Verify(null, null, null, Duration.ZERO, null, null))))
                .hasMessage("spec.verify.timeout: 0s is out of range; use more than 0 and at most 5m, e.g. 1s");
        assertThatCode(() -> check(verifyOnly(new Verify(null, null, null, Duration.ofMinutes(5), null, null))))
                .doesNotThrowAnyException();
    }

    @Test
    void canaryNeedsDomainAndApiWithIdButNotAnExpectation() {
        String api = "http://192.0.2.10/{id}";
        assertThatThrownBy(() -> check(verifyOnly(canary(new Canary(null, api, null)))))
                .hasMessageStartingWith("spec.verify.canary.domain: missing");
        assertThatThrownBy(() -> check(verifyOnly(canary(new Canary("a.example", "ftp://192.0.2.10/{id}", null)))))
                .hasMessageStartingWith("spec.verify.canary.api: \"ftp://192.0.2.10/{id}\" is not an http:// or https:// URL");
        assertThatCode(() -> check(verifyOnly(canary(new Canary("a.example", api, null))))).doesNotThrowAnyException();
    }

    @Test
    void dohTemplateAcceptsRfc8484Variables() {
        assertThatCode(() -> check(dohTemplate("https://dns.corp.example/dns-query{?dns}"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> check(dohTemplate("https://user@dns.corp.example/")))
                .hasMessageStartingWith("spec.resolvers.dohTemplate: ");
    }

    private static void check(Spec spec) {
        PolicyRules.check(new Policy(Policy.API_VERSION, Policy.KIND, META, spec));
    }

    private static Spec verifyOnly(Verify v) {
        return new Spec(null, null, null, null, null, v);
    }

    private static Verify canary(Canary c) {
        return new Verify(null, null, c, null, null, null);
    }

    private static Spec dohTemplate(String template) {
        return new Spec(new Resolvers(null, null, null, null, Encryption.DOH, null, template), null, null, null, null, null);
    }

    private static InetAddress ip(int a, int b, int c, int d) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }
}
