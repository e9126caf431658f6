package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.Optional;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Sets one link's servers and domains in systemd-resolved, as {@code resolvectl dns} and
 * {@code resolvectl domain} do (SetLinkDNSEx, SetLinkDomains over D-Bus). Runtime state: resolved
 * forgets it when it restarts or the link goes, which is why the boot unit and {@code agent watch}
 * set it again. Undo puts back the servers and domains the link had.
 */
@JsonTypeName("linux-resolved-link")
record SetLinkDns(String link, LinkDns dns, String why) implements PlatformChange {

    @Override
    public String target() {
        return "systemd-resolved link " + link;
    }

    @Override
    public String summary() {
        return "set " + link + "'s " + dns + " in systemd-resolved: " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        Optional<LinkDns> now = SplitDnsReads.link(host, link);
        return new LinkDnsImage(link, now.isPresent(), now.orElse(LinkDns.NONE));
    }

    @Override
    public void apply(Host host) throws IOException {
        set(host, dns);
    }

    /** A link that is gone has no settings left to restore. */
    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        LinkDnsImage image = (LinkDnsImage) before;
        if (image.present() && SplitDnsReads.link(host, link).isPresent()) {
            set(host, image.dns());
        }
    }

    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        Optional<LinkDns> now = SplitDnsReads.link(host, link);
        return now.isEmpty() || now.get().sameAs(((LinkDnsImage) before).dns());
    }

    private void set(Host host, LinkDns to) throws IOException {
        SplitDnsReads.run(host, ResolvedBus.setServers(link, to.servers()));
        SplitDnsReads.run(host, ResolvedBus.setDomains(link, to.domains()));
    }
}
