package org.leakguard.platform.linux;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.engine.StateDir;

/** What the captive-portal sandbox tests share: the lab, the laptop as a host, its policy and state dir, and its portals. */
abstract class PortalLabTest {
    @TempDir
    Path tmp;

    ResolverLab lab;
    Host host;
    LoadedPolicy policy;
    StateDir state;

    @AfterEach
    void down() throws Exception {
        if (lab != null) {
            lab.close();
        }
    }

    Portals portals() {
        return VpnLaptop.portals(host, state);
    }
}
