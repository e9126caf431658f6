package org.leakguard.agent.host;

import java.time.Clock;
import java.util.Objects;

/**
 * The only door to the machine. Controls read through it; only the engine writes through it.
 *
 * @param offline true under {@code --root DIR}: files resolve under DIR and no command runs
 */
public record Host(HostInfo info, Files files, Commands commands, boolean offline, Clock clock) {
    public Host {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(clock, "clock");
    }
}
