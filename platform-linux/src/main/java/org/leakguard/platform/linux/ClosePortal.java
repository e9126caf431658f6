package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Host;

/**
 * Closes the captive-portal window: empties the portal sets and removes the window's
 * policy-routing rules. Journaled even when the kernel already dropped everything at the
 * timeout, so the journal records the close; {@code why} says which it was.
 */
@JsonTypeName("linux-portal-close")
record ClosePortal(String why) implements PortalStep {

    @Override
    public List<String> addresses() {
        return List.of();
    }

    @Override
    public String until() {
        return null;
    }

    @Override
    public String summary() {
        return "captive-portal window " + why;
    }

    @Override
    public void apply(Host host) throws IOException {
        PortalSets.restore(host, new PortalImage(List.of(), List.of()));
    }
}
