package org.leakguard.platform.linux;

import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.PortalWindow;

/**
 * What opening and closing the window share: the target, the before-image (both sets and the
 * window's routing rules), an undo that puts them back, and a comparison that leaves out the
 * seconds left, which move on between a capture and the next.
 */
interface PortalStep extends PortalWindow.Step {

    @Override
    default String target() {
        return "nft set " + WantedTable.QUALIFIED + " " + String.join(",", PortalSets.SETS);
    }

    @Override
    default BeforeImage capture(Host host) throws IOException {
        return PortalSets.read(host);
    }

    @Override
    default void undo(Host host, BeforeImage before) throws IOException {
        PortalSets.restore(host, (PortalImage) before);
    }

    @Override
    default boolean isAt(Host host, BeforeImage before) throws IOException {
        return PortalSets.read(host).sameWindow((PortalImage) before);
    }
}
