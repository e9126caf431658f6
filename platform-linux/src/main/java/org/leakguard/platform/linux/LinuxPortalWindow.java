package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
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
    public Found networkResolvers(Host host) throws IOException {
        // Which interfaces are up matters only to dhcpcd's leases, which outlive the carrier. Without
        // it they are left out, not the other clients' leases with them: no interface is known up.
        Map<String, Boolean> links = Map.of();
        List<String> leftOut = new ArrayList<>();
        if (DhcpLeases.hasDhcpcdLease(host.files())) {
            try {
                links = LinkChoice.parseUp(SplitDnsReads.run(host, LinkChoice.LINKS));
            } catch (IOException e) {
                leftOut.add("dhcpcd's leases in " + DhcpLeases.DHCPCD_DIR + " were left out: " + String.join(" ", LinkChoice.LINKS)
                        + " failed (" + e.getMessage().lines().findFirst().orElse("") + "), so which interfaces are up"
                        + " and still hold their lease is unknown");
            }
        }
        return new Found(DhcpLeases.read(host.files(), links, host.clock().instant()), leftOut);
    }

    @Override
    public Step open(List<InetAddress> resolvers, Duration length, Instant until) {
        return new OpenPortal(resolvers.stream().map(Addresses::text).toList(), length.toSeconds(), until.toString());
    }

    /**
     * Where resolv.conf is systemd-resolved's stub, the links that reach the leased servers; else a
     * plain /etc/resolv.conf gets them first. Nothing for a file behind another link (a manager's
     * own) or no file at all: those are not what the resolvers control pins.
     */
    @Override
    public List<PlatformChange> pointAt(Host host, List<InetAddress> resolvers) throws IOException {
        List<String> leased = resolvers.stream().map(Addresses::text).toList();
        List<String> chain = HostReads.linkChain(host.files(), ResolvConf.PATH);
        String text = HostReads.readThrough(host.files(), ResolvConf.PATH, chain);
        if (SplitDnsMessages.unavailable(chain, text, host.offline(), SplitDnsReads.installed(host.files())) == null) {
            return links(host, leased);
        }
        if (!chain.isEmpty() || text == null) {
            return List.of();
        }
        return List.of(PointResolvConf.of(text, leased));
    }

    /**
     * Each leased server on the link the kernel routes it through (resolved sends a link's queries
     * out of that link only). A link that carries a route's domains is left alone: every name on it
     * would reach the network's resolver first, a routed one too.
     */
    private static List<PlatformChange> links(Host host, List<String> leased) throws IOException {
        Map<String, List<String>> byLink = new LinkedHashMap<>();
        for (String a : leased) {
            CommandResult r = host.commands().run(new Command(LinkChoice.routeGet(a), null, null));
            Optional<String> dev = r.ok() ? LinkChoice.parseRouteGet(r.stdout()) : Optional.empty();
            dev.ifPresent(d -> byLink.computeIfAbsent(d, k -> new ArrayList<>()).add(a));
        }
        List<PlatformChange> out = new ArrayList<>();
        for (var e : byLink.entrySet()) {
            Optional<LinkDnsImage> now = SplitDnsReads.link(host, e.getKey(), false);
            boolean routed = now.isPresent() && now.get().dns().domains().stream()
                    .anyMatch(d -> d.startsWith("~") && !d.equals(PointLink.EVERY_NAME));
            if (now.isPresent() && !routed) {
                out.add(new PointLink(e.getKey(), new LinkDns(e.getValue(), List.of(PointLink.EVERY_NAME))));
            }
        }
        return out;
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
