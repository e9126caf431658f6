package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.Optional;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Puts a link back in systemd-resolved as it was before the captive-portal window pointed it at
 * the network's resolver, as the opening's undo would. Only while the link still holds the
 * window's settings: a link gone, or set since by its own network manager, stays as it is. Undo
 * sets the window's settings again where it found them.
 *
 * @param was the link before the window, as the opening journaled it
 * @param window what the window set on it
 */
@JsonTypeName("linux-portal-link-back")
record LinkBack(LinkDnsImage was, LinkDns window, String why) implements PlatformChange {

    private SetLinkDns set() {
        return new SetLinkDns(was.link(), window, PointLink.PLAIN, why);
    }

    @Override
    public String target() {
        return set().target();
    }

    @Override
    public String summary() {
        return "put " + was.link() + " back in systemd-resolved as before the window: " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return set().capture(host);
    }

    @Override
    public void apply(Host host) throws IOException {
        if (holdsWindow(SplitDnsReads.link(host, was.link(), false))) {
            set().undo(host, was);
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        LinkDnsImage found = (LinkDnsImage) before;
        if (holdsWindow(Optional.of(found)) && SplitDnsReads.link(host, was.link(), false).isPresent()) {
            set().apply(host);
        }
    }

    private boolean holdsWindow(Optional<LinkDnsImage> now) {
        return now.isPresent() && now.get().present() && now.get().dns().sameAs(window);
    }
}
