package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The warm-ups run on their own thread, where a failure is swallowed: they must not fail here. */
class PolicyWarmUpTest {

    @Test
    void warmUpsRunAndLeaveTheLoaderAsItWas() throws Exception {
        PolicyLoader.warmUpReader();
        PolicyLoader.warmUpDigest();

        LoadedPolicy loaded = new PolicyLoader().parse("p.yaml",
                "apiVersion: leakguard/v1\nkind: DnsLeakPolicy\nmetadata: {name: t}\n".getBytes(StandardCharsets.UTF_8));
        assertThat(loaded.policy().name()).isEqualTo("t");
        assertThat(loaded.sha256()).hasSize(64);
    }
}
