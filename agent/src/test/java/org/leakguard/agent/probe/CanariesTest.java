package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.report.NameRouting;

class CanariesTest {
    static final List<String> URLS = List.of("http://192.0.2.10:8080/v1/observations/x", "http://198.51.100.10:8080/v1/observations/x",
            "http://203.0.113.10:8080/v1/observations/x");

    static CanaryRule expect() throws Exception {
        return CanaryRule.general(List.of(InetAddress.getByName("203.0.113.53")), Map.of());
    }

    static final CompletableFuture<Boolean> ANSWER = CompletableFuture.completedFuture(true);
    static final NameRouting ROUTING = NameRouting.planned("x.leaktest.example", List.of(), List.of("203.0.113.53"));

    @Test
    void oneAuthorityAnsweringIsEnoughAndTheReportNamesTheSilentOnes() throws Exception {
        Probe.Observed o = Canaries.combine(URLS, List.of(CompletableFuture.completedFuture(List.of("203.0.113.53")),
                CompletableFuture.failedFuture(new ConnectException()), CompletableFuture.failedFuture(new TimeoutException())),
                expect(), ROUTING, ANSWER);

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).contains("asked by 203.0.113.53").contains("answered: 192.0.2.10:8080")
                .contains("not answered: 198.51.100.10:8080 (connection refused or unreachable), 203.0.113.10:8080 (no answer in time)");
    }

    @Test
    void theResolversAllAuthoritiesSawAreJoinedBeforeJudging() throws Exception {
        Probe.Observed o = Canaries.combine(URLS, List.of(CompletableFuture.completedFuture(List.of("203.0.113.53")),
                CompletableFuture.completedFuture(List.of("198.51.100.53", "203.0.113.53")), CompletableFuture.completedFuture(List.of())),
                expect(), ROUTING, ANSWER);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("asked by 203.0.113.53, 198.51.100.53").contains("not allowed: 198.51.100.53");
    }

    @Test
    void unknownOnlyWhenNoAuthorityAnswered() throws Exception {
        Probe.Observed none = Canaries.combine(URLS.subList(0, 2), List.of(CompletableFuture.failedFuture(new ConnectException()),
                CompletableFuture.failedFuture(new TimeoutException())), expect(), ROUTING, ANSWER);
        Probe.Observed sawNothing = Canaries.combine(URLS.subList(0, 2), List.of(CompletableFuture.completedFuture(List.of()),
                CompletableFuture.failedFuture(new TimeoutException())), expect(), ROUTING, ANSWER);

        assertThat(none.passed()).isNull();
        assertThat(none.what()).startsWith("canary API unreachable: 192.0.2.10:8080");
        assertThat(sawNothing.passed()).isFalse();
    }
}
