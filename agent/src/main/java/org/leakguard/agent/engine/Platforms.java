package org.leakguard.agent.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.spi.Platform;

/** Finds the platform that serves this host among those on the class path. */
public final class Platforms {
    private Platforms() {}

    public static List<Platform> installed() {
        List<Platform> all = new ArrayList<>();
        ServiceLoader.load(Platform.class).forEach(all::add);
        return all;
    }

    /** The first platform that serves the host; otherwise an error listing why each declined. */
    public static Platform select(List<Platform> platforms, HostInfo host) throws UnsupportedHostException {
        List<String> causes = new ArrayList<>();
        for (Platform p : platforms) {
            var cause = p.unavailabilityCause(host);
            if (cause.isEmpty()) {
                return p;
            }
            causes.add(p.id() + ": " + cause.get());
        }
        throw new UnsupportedHostException("no platform serves this host (" + host.osName() + " " + host.osVersion() + "): "
                + (causes.isEmpty() ? "none is installed" : String.join("; ", causes)));
    }
}
