package org.leakguard.platform.windows;

import java.time.Instant;
import java.util.Optional;

/** Elevation, boot time and the SystemRoot variable as a test sets them. */
final class FakeMachine implements Machine {
    boolean elevated = true;
    Instant booted = Instant.parse("2026-11-22T08:00:00Z");
    Optional<String> systemRoot = Optional.of("C:\\WINDOWS");

    @Override
    public boolean elevated() {
        return elevated;
    }

    @Override
    public Instant bootedAt() {
        return booted;
    }

    @Override
    public Optional<String> systemRoot() {
        return systemRoot;
    }
}
