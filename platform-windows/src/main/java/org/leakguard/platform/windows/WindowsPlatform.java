package org.leakguard.platform.windows;

import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Platform;

/**
 * Windows. Its controls are not in this version yet, so it declines every host and says so: a policy
 * is never reported compliant on Windows by a platform that cannot check it.
 */
public final class WindowsPlatform implements Platform {

    @Override
    public String id() {
        return "windows";
    }

    @Override
    public Optional<String> unavailabilityCause(HostInfo host) {
        if (!host.isWindows()) {
            return Optional.of("not a Windows host (" + host.osName() + ")");
        }
        return Optional.of("Windows controls are not implemented in this version of leakguard");
    }

    @Override
    public List<Control<?>> controls() {
        return List.of();
    }
}
