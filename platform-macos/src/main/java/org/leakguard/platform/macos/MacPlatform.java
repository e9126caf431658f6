package org.leakguard.platform.macos;

import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;

/**
 * macOS. Its controls are not in this version yet, so it declines every host and says so: a policy
 * is never reported compliant on macOS by a platform that cannot check it.
 */
public final class MacPlatform implements Platform {

    @Override
    public String id() {
        return "macos";
    }

    @Override
    public Optional<String> unavailabilityCause(HostInfo host) {
        if (!host.isMac()) {
            return Optional.of("not a macOS host (" + host.osName() + ")");
        }
        return Optional.of("macOS controls are not implemented in this version of leakguard");
    }

    @Override
    public List<Control<?>> controls() {
        return List.of();
    }
}
