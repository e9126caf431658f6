package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Sets one link's servers and domains in systemd-resolved, as {@code resolvectl dns} and
 * {@code resolvectl domain} do (SetLinkDNSEx, SetLinkDomains over D-Bus), and with {@code tls}
 * its DNS-over-TLS mode ({@code resolvectl dnsovertls}): a link without its own follows the
 * global {@code DNSOverTLS=yes} of a policy with DoT, and routed names use plain DNS. Runtime
 * state: resolved forgets it at reboot or when the link goes, which is why the boot unit and
 * {@code agent watch} set it again. Undo puts back what the link had, or, where it had nothing of
 * its own over D-Bus, drops what was set ({@code resolvectl revert}).
 *
 * @param tls the mode to set, or null to leave it
 */
@JsonTypeName("linux-resolved-link")
record SetLinkDns(String link, LinkDns dns, String tls, String why) implements PlatformChange {

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
        return SplitDnsReads.link(host, link, tls != null).orElse(new LinkDnsImage(link, false, false, LinkDns.NONE, null, null));
    }

    /** The mode first: between the calls a routed name may fail, but never go out over another mode's path. */
    @Override
    public void apply(Host host) throws IOException {
        if (tls != null) {
            SplitDnsReads.run(host, ResolvedBus.setTls(link, tls));
        }
        set(host, dns);
    }

    /** A link that is gone has no settings left to restore. */
    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        LinkDnsImage image = (LinkDnsImage) before;
        if (!image.present() || SplitDnsReads.link(host, link, false).isEmpty()) {
            return;
        }
        if (!image.own()) {
            // Setting the old values would make them the link's own, and networkd's later ones would not reach it.
            SplitDnsReads.run(host, ResolvedBus.revert(link));
            return;
        }
        set(host, image.dns());
        if (tls != null && image.tls() != null) {
            SplitDnsReads.run(host, ResolvedBus.setTls(link, image.tlsToRestore()));
        }
    }

    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        LinkDnsImage image = (LinkDnsImage) before;
        Optional<LinkDnsImage> now = SplitDnsReads.link(host, link, image.own() && tls != null && image.tls() != null);
        if (now.isEmpty() || !image.own()) {
            return now.isEmpty() || !now.get().own();
        }
        return now.get().dns().sameAs(image.dns()) && Objects.equals(now.get().tls(), image.tls());
    }

    private void set(Host host, LinkDns to) throws IOException {
        SplitDnsReads.run(host, ResolvedBus.setServers(link, to.servers()));
        SplitDnsReads.run(host, ResolvedBus.setDomains(link, to.domains()));
    }
}
