package org.leakguard.platform.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.EventFeed;
import org.leakguard.agent.spi.NotApplicableControl;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.PortalWindow;

/** The Linux controls: resolv.conf, IPv6 sysctl, nftables, browser DoH policies, Docker's DNS. */
public final class LinuxPlatform implements Platform {

    @Override
    public String id() {
        return "linux";
    }

    @Override
    public Optional<String> unavailabilityCause(HostInfo host) {
        return host.isLinux()
                ? Optional.empty()
                : Optional.of("the host is not Linux (os.name is \"" + host.osName() + "\")");
    }

    @Override
    public List<Control<?>> controls() {
        return List.of(
                new ResolversControl(),
                new Ipv6Control(),
                new FirewallControl(),
                new BrowsersControl(),
                new DockerDnsControl(),
                new NotApplicableControl("smartNameResolution", s -> s.smartNameResolution() != null,
                        "Windows only: smart multi-homed name resolution is a Windows DNS client feature"));
    }

    /** The changes only Linux makes, for the journal to read back. */
    @Override
    public List<Class<?>> journalTypes() {
        return List.of(WriteFileInFolder.class, FolderFileImage.class, SetRouteRules.class, RouteRulesImage.class,
                SetLinkDns.class, LinkDnsImage.class, OpenPortal.class, ClosePortal.class, PortalImage.class,
                PointResolvConf.class, ResolvConfBack.class, PointLink.class, LinkBack.class);
    }

    @Override
    public Optional<PortalWindow> portalWindow() {
        return Optional.of(new LinuxPortalWindow());
    }

    /**
     * nft's netlink monitor: a flush of the ruleset, a deleted table or rule of leakguard's is
     * printed as it commits, so {@code agent watch} repairs it within milliseconds, not at its poll.
     * ip's monitor does the same for leakguard's policy-routing rules (printed with their protocol),
     * and busctl's for a program (NetworkManager reconnecting) setting a link's DNS in systemd-resolved
     * over the routes' settings.
     */
    @Override
    public List<EventFeed> eventFeeds(Host host) {
        List<EventFeed> feeds = new java.util.ArrayList<>();
        FirewallObserve.NFT_PROGRAMS.stream().filter(host.files()::exists).findFirst()
                .ifPresent(nft -> feeds.add(new EventFeed(List.of(nft, "monitor"), WantedTable.NAME, "nftables")));
        feeds.add(new EventFeed(List.of("ip", "-N", "monitor", "rule"), "proto " + RouteRules.PROTOCOL, "policy-routing rules"));
        if (host.files().exists(SplitDnsMessages.STUB_FILE)) {
            feeds.add(ResolvedBus.MONITOR);
        }
        return feeds;
    }

    /**
     * Routes by domain without a stub that routes them would send internal names to the pinned
     * resolvers, which cannot answer them: such a policy is refused before anything changes.
     */
    @Override
    public Optional<String> cannotApply(Spec spec, Host host) {
        if (spec.resolvers() == null || !spec.resolvers().routed()) {
            return Optional.empty();
        }
        try {
            return SplitDnsReads.unavailable(host);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot tell whether systemd-resolved can route names by domain", e);
        }
    }

    @Override
    public List<Diagnosis> diagnose(Host host) {
        return LinuxDiagnosis.run(host);
    }

    /** systemd's /etc/machine-id, else D-Bus's copy; an empty or "uninitialized" one (a fresh image) is none. */
    @Override
    public Optional<String> machineId(Host host) {
        for (String path : List.of("/etc/machine-id", "/var/lib/dbus/machine-id")) {
            try {
                Optional<String> id = host.files().readString(path).map(String::strip)
                        .filter(s -> s.matches("[0-9a-fA-F]{32}"));
                if (id.isPresent()) {
                    return id;
                }
            } catch (IOException e) {
                // unreadable: try the next; without any, the host joins a rollout only at 100%
            }
        }
        return Optional.empty();
    }

    /** From resolv.conf (through its links), or resolved's uplinks when its stub is in use. */
    @Override
    public List<InetAddress> resolversInUse(Host host) {
        try {
            return ResolversInUse.read(host.files());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resolvers in use from " + ResolvConf.PATH, e);
        }
    }
}
