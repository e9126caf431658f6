package org.leakguard.platform.windows;

import java.io.IOException;
import org.leakguard.agent.host.Host;

/** The Windows ports on a host, or an error that says which is missing. */
final class Ports {
    static final String NOT_ELEVATED = "leakguard must run elevated on Windows (Run as administrator, or as"
            + " SYSTEM from a scheduler): this process's token is not elevated, so nothing was changed";

    private Ports() {}

    static Registry registry(Host host) throws IOException {
        live(host);
        return host.port(Registry.class).orElseThrow(() -> new IOException("no Windows registry is attached to this host"));
    }

    static Adapters adapters(Host host) throws IOException {
        live(host);
        return host.port(Adapters.class).orElseThrow(() -> new IOException("no adapter list is attached to this host"));
    }

    static Machine machine(Host host) throws IOException {
        return host.port(Machine.class).orElseThrow(() -> new IOException("no Windows session facts are attached to this host"));
    }

    /**
     * Every Windows change calls this first when capturing its before-image, so an apply without
     * elevation stops before the first change with this message instead of half-applying.
     */
    static void requireElevated(Host host) throws IOException {
        if (!machine(host).elevated()) {
            throw new IOException(NOT_ELEVATED);
        }
    }

    /** The registry and adapters are the live machine's: an offline image has neither. */
    static void live(Host host) throws IOException {
        if (host.offline()) {
            throw new IOException("--root is not supported on Windows: the settings live in the running"
                    + " machine's registry and network stack, not in files under a folder");
        }
    }
}
