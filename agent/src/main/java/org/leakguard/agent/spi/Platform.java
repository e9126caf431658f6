package org.leakguard.agent.spi;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;

/**
 * One operating system's controls, found with {@link java.util.ServiceLoader}. The core never
 * names an OS class.
 */
public interface Platform {

    /** A short id: {@code linux}, {@code windows}, {@code macos}. */
    String id();

    /** Why this platform cannot serve the host, or empty when it can. {@code diagnose} shows it. */
    Optional<String> unavailabilityCause(HostInfo host);

    /** The controls, in the order their changes are applied. */
    List<Control<?>> controls();

    /**
     * The resolvers the host uses now. Before apply they are recorded, and after it the probes
     * require them to be unreachable (unless the policy pins them).
     */
    default List<InetAddress> resolversInUse(Host host) {
        return List.of();
    }

    /** Read-only explanations for {@code agent diagnose}: where DNS goes on this host and why. */
    default List<Diagnosis> diagnose(Host host) {
        return List.of();
    }
}
