package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The captive-portal window on Linux: nft set elements with a timeout in leakguard's own table
 * (see {@link PortalSets}), opened only to what the DHCP leases name ({@link DhcpLeases}).
 */
final class LinuxPortalWindow implements PortalWindow {

    @Override
    public Optional<String> unavailable(Spec spec, Host host) {
        if (host.offline()) {
            return Optional.of("an offline image has no running kernel to hold a window");
        }
        FirewallState nft = FirewallObserve.nft(host);
        switch (nft.kind()) {
            case NO_NFT:
                return Optional.of("nft cannot be run (" + nft.detail() + "): the iptables fallback has no set whose"
                        + " elements expire by themselves, so no window that closes even if the agent stops");
            case FAILED:
                return Optional.of(String.join(" ", FirewallControl.LIST_JSON) + " failed (" + nft.detail() + ")");
            case ABSENT:
                return Optional.of("leakguard's table " + WantedTable.QUALIFIED + " is not loaded: apply the policy first");
            default:
                break;
        }
        if (!nft.table().sets().keySet().containsAll(PortalSets.SETS)) {
            return Optional.of("the loaded table has no window sets (" + String.join(", ", PortalSets.SETS)
                    + "): apply this policy, with spec.firewall.portal, first");
        }
        return Optional.empty();
    }

    @Override
    public List<Resolver> networkResolvers(Host host) throws IOException {
        return DhcpLeases.read(host.files(), host.clock().instant());
    }

    @Override
    public Step open(List<InetAddress> resolvers, Duration length, Instant until) {
        return new OpenPortal(resolvers.stream().map(Addresses::text).toList(), length.toSeconds(), until.toString());
    }

    /**
     * A plain /etc/resolv.conf gets the leased servers first. Nothing for a file behind a link (a
     * manager's own) or no file at all: those are not what the resolvers control pins.
     */
    @Override
    public List<PlatformChange> pointAt(Host host, List<InetAddress> resolvers) throws IOException {
        List<String> leased = resolvers.stream().map(Addresses::text).toList();
        List<String> chain = HostReads.linkChain(host.files(), ResolvConf.PATH);
        Optional<String> text = host.files().readString(ResolvConf.PATH);
        if (!chain.isEmpty() || text.isEmpty()) {
            return List.of();
        }
        return List.of(PointResolvConf.of(text.get(), leased));
    }

    @Override
    public Step close(String why) {
        return new ClosePortal(why);
    }

    @Override
    public List<Opening> openNow(Host host) throws IOException {
        if (host.offline() || FirewallObserve.nft(host).kind() != FirewallState.Kind.PRESENT) {
            return List.of();
        }
        List<Opening> out = new ArrayList<>();
        for (PortalImage.Element e : PortalSets.read(host).elements()) {
            out.add(new Opening(Addresses.parseLiteral(e.address()), e.closes()));
        }
        return out;
    }
}
