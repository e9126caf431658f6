package org.leakguard.agent.host;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The only door to the machine. Controls read through it; only the engine writes through it.
 *
 * @param offline true under {@code --root DIR}: files resolve under DIR and no command runs
 * @param ports what one platform adds (a Windows registry, ...), by type; see {@link #port}
 */
public record Host(HostInfo info, Files files, Commands commands, boolean offline, Clock clock, Map<Class<?>, Object> ports) {
    public Host {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(clock, "clock");
        ports = Map.copyOf(ports);
    }

    public Host(HostInfo info, Files files, Commands commands, boolean offline, Clock clock) {
        this(info, files, commands, offline, clock, Map.of());
    }

    /** The platform port of this type, when the platform attached one. */
    public <T> Optional<T> port(Class<T> type) {
        return Optional.ofNullable(ports.get(type)).map(type::cast);
    }

    /** This host with {@code port} attached as {@code type}. */
    public <T> Host with(Class<T> type, T port) {
        Map<Class<?>, Object> more = new HashMap<>(ports);
        more.put(type, Objects.requireNonNull(port, "port"));
        return new Host(info, files, commands, offline, clock, more);
    }
}
