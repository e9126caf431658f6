package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** verify.canary.api: one URL as before, or a list of canary authorities asked together. */
class CanaryApiListTest {
    private static final String HEAD = "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: canaries}\n"
            + "spec:\n  verify:\n    canary:\n      domain: leaktest.corp.example\n";

    Canary canary(String api) throws PolicyException {
        return new PolicyLoader().parse("p.yaml", (HEAD + api).getBytes(StandardCharsets.UTF_8)).policy().spec().verify().canary();
    }

    @Test
    void oneUrlStaysValidAndAListNamesEveryAuthority() throws Exception {
        Canary one = canary("      api: http://192.0.2.10:8080/v1/observations/{id}\n");
        Canary three = canary("      api:\n        - http://192.0.2.10:8080/v1/observations/{id}\n"
                + "        - https://canary-eu.corp.example/v1/observations/{id}\n        - http://[2001:db8::10]:8080/v1/observations/{id}\n");

        assertThat(one.api()).containsExactly("http://192.0.2.10:8080/v1/observations/{id}");
        assertThat(three.api()).containsExactly("http://192.0.2.10:8080/v1/observations/{id}",
                "https://canary-eu.corp.example/v1/observations/{id}", "http://[2001:db8::10]:8080/v1/observations/{id}");
        assertThat(new Canary("d.example", "http://192.0.2.10/{id}", null)).isEqualTo(new Canary("d.example", List.of("http://192.0.2.10/{id}"), null));
    }
}
