package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.PortalWindow;

/**
 * On a host whose resolv.conf is systemd-resolved's stub: the link that reaches the network's
 * resolver gets it as its server with the routing domain {@code ~.} and plain DNS for the window,
 * so resolved asks it for any name while the pinned global servers stay; a routed domain keeps its
 * link. What {@link SetLinkDns} does for a route, with the window's close putting the link back.
 */
@JsonTypeName("linux-portal-link")
record PointLink(String link, LinkDns dns) implements PortalWindow.Pointing {
    static final String EVERY_NAME = "~.";
    /** The network's resolver speaks plain DNS, and the window opens port 53 alone. */
    static final String PLAIN = "no";

    private SetLinkDns set() {
        return new SetLinkDns(link, dns, PLAIN, "the captive-portal window");
    }

    @Override
    public String target() {
        return set().target();
    }

    @Override
    public String summary() {
        return "point " + link + " at " + dns.servers() + " for every name (" + EVERY_NAME + ") in systemd-resolved for the"
                + " window, the pinned servers kept";
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return set().capture(host);
    }

    @Override
    public void apply(Host host) throws IOException {
        set().apply(host);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        set().undo(host, before);
    }

    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        return set().isAt(host, before);
    }

    @Override
    public PlatformChange back(BeforeImage before, String why) {
        return new LinkBack((LinkDnsImage) before, dns, why);
    }
}
