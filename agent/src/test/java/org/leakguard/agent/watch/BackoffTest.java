package org.leakguard.agent.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    final Instant t0 = Instant.parse("2026-11-23T22:00:00Z");
    final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Backoff.QUIET);

    @Test
    void aFirstDriftIsRepairedAtOnce() {
        assertThat(backoff.onDrift(t0)).isEqualTo(t0);
    }

    @Test
    void aDriftThatKeepsComingBackWaitsTwiceAsLongEachTimeUpToTheCap() {
        Instant now = t0;
        backoff.onRepair(now);
        Duration[] waits = new Duration[6];
        for (int i = 0; i < waits.length; i++) {
            Instant drift = now.plusMillis(100);
            Instant due = backoff.onDrift(drift);
            assertThat(backoff.onDrift(drift.plusMillis(50))).as("more events while waiting change nothing").isEqualTo(due);
            assertThat(backoff.streak()).isEqualTo(i + 1);
            waits[i] = Duration.between(now, due);
            now = due;
            backoff.onRepair(now);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void aQuietSpellResetsIt() {
        backoff.onRepair(t0);
        backoff.onDrift(t0.plusMillis(10));
        backoff.onRepair(t0.plusSeconds(1));
        Instant later = t0.plusSeconds(1).plus(Backoff.QUIET);
        assertThat(backoff.onDrift(later)).isEqualTo(later);
        assertThat(backoff.streak()).isZero();
    }
}
