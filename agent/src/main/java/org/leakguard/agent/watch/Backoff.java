package org.leakguard.agent.watch;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next repair may run. A drift seen within {@code quiet} of the last repair means
 * something fights the policy (a DHCP client rewriting resolv.conf in a loop): each such repair
 * waits twice as long as the one before, from {@code base} up to {@code cap}; a quiet spell
 * resets it. Pure: time is passed in.
 */
final class Backoff {
    static final Duration QUIET = Duration.ofSeconds(30);
    private final Duration base;
    private final Duration cap;
    private final Duration quiet;
    private int streak;
    private Instant lastRepair;
    private Instant due;

    Backoff(Duration base, Duration cap, Duration quiet) {
        this.base = base;
        this.cap = cap;
        this.quiet = quiet;
    }

    Duration quiet() {
        return quiet;
    }

    /** A drift was seen at {@code now}: when to repair it ({@code now} when at once). */
    Instant onDrift(Instant now) {
        if (due != null && due.isAfter(now)) {
            return due;
        }
        due = null;
        if (lastRepair == null || !now.isBefore(lastRepair.plus(quiet))) {
            streak = 0;
            return now;
        }
        streak++;
        Instant at = lastRepair.plus(delay(streak));
        due = at.isAfter(now) ? at : now;
        return due;
    }

    /** A repair ran (or was tried) at {@code now}. */
    void onRepair(Instant now) {
        lastRepair = now;
        due = null;
    }

    /** How many drifts in a row came back within the quiet spell. */
    int streak() {
        return streak;
    }

    Duration delay(int n) {
        Duration d = base;
        for (int i = 1; i < n && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
