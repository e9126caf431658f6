package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.PortalWindow;

/**
 * Closes the captive-portal window: empties the portal sets and removes the window's
 * policy-routing rules. Journaled even when the kernel already dropped everything at the
 * timeout, so the journal records the close; {@code why} says which it was.
 */
@JsonTypeName("linux-portal-close")
record ClosePortal(String why) implements PortalWindow.Step {

    @Override
    public List<String> addresses() {
        return List.of();
    }

    @Override
    public String until() {
        return null;
    }

    @Override
    public String target() {
        return "nft set " + WantedTable.QUALIFIED + " " + String.join(",", PortalSets.SETS);
    }

    @Override
    public String summary() {
        return "captive-portal window " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return PortalSets.read(host);
    }

    @Override
    public void apply(Host host) throws IOException {
        PortalSets.restore(host, new PortalImage(List.of(), List.of()));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        PortalSets.restore(host, (PortalImage) before);
    }

    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        return PortalSets.read(host).sameWindow((PortalImage) before);
    }
}
