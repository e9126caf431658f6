package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

class ContextTest {

    @Test
    void theLiveSurroundingsAreReadyAfterPrepareWithOrWithoutWarmUp() {
        for (boolean readsPolicy : new boolean[] {true, false}) {
            Context context = Context.system(readsPolicy);

            assertTimeoutPreemptively(Duration.ofSeconds(30), context::prepare);
            assertThat(context.host().osName()).isEqualTo(System.getProperty("os.name"));
            assertThat(context.platforms()).isNotNull();
            assertThat(context.verifier()).isNotNull();
        }
    }

    @Test
    void givenPartsAreReturnedAsGiven() {
        HostInfo host = new HostInfo("h", "Linux", "6");
        Context context = new Context(List.of(), host, c -> {
            throw new java.io.IOException("none");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());

        assertTimeoutPreemptively(Duration.ofSeconds(5), context::prepare);
        assertThat(context.host()).isSameAs(host);
        assertThat(context.verifier()).isSameAs(Verifier.UNAVAILABLE);
        assertThat(context.launcher()).isNull();
    }
}
