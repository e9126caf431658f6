package org.leakguard.platform.windows;

import java.time.Instant;

/** Elevation and boot time as a test sets them. */
final class FakeMachine implements Machine {
    boolean elevated = true;
    Instant booted = Instant.parse("2026-11-22T08:00:00Z");

    @Override
    public boolean elevated() {
        return elevated;
    }

    @Override
    public Instant bootedAt() {
        return booted;
    }
}
