package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;

/** Reads what routing by domain needs: whether resolved is the host's resolver, its per-link state, the links to the servers. */
final class SplitDnsReads {
    /** Debian's and most distributions' place of the daemon, then the merged-/usr one. */
    static final List<String> DAEMON = List.of("/lib/systemd/systemd-resolved", "/usr/lib/systemd/systemd-resolved");

    private SplitDnsReads() {}

    /** @param servers every route's servers, whose links are looked up */
    static SplitDnsState read(Host host, List<String> chain, String text, List<InetAddress> servers) throws IOException {
        Map<String, String> boot = bootFiles(host.files());
        String why = SplitDnsMessages.unavailable(chain, text, host.offline(), installed(host.files()));
        if (why != null) {
            return SplitDnsState.unavailable(why, boot);
        }
        CommandResult bus;
        try {
            bus = host.commands().run(new Command(ResolvedBus.READ, null, null));
        } catch (IOException e) {
            return SplitDnsState.unavailable(SplitDnsMessages.noBus(e.getMessage()), boot);
        }
        if (!bus.ok()) {
            return SplitDnsState.unavailable(SplitDnsMessages.noBus(bus.stderr().strip()), boot);
        }
        Map<Integer, LinkDns> byIndex = ResolvedBus.parse(bus.stdout());
        Map<Integer, String> names = LinkChoice.parseLinks(run(host, LinkChoice.LINKS));
        Map<String, LinkDns> links = new LinkedHashMap<>();
        byIndex.forEach((index, dns) -> {
            if (index != ResolvedBus.GLOBAL) {
                links.put(names.getOrDefault(index, Integer.toString(index)), dns);
            }
        });
        Map<String, String> serverLinks = new LinkedHashMap<>();
        Map<String, String> noLink = new LinkedHashMap<>();
        routeLinks(host, servers, serverLinks, noLink);
        Map<String, String> linkTls = new LinkedHashMap<>();
        for (var e : names.entrySet()) {
            if (serverLinks.containsValue(e.getValue())) {
                linkTls.put(e.getValue(), ResolvedBus.parseString(run(host, ResolvedBus.readTls(e.getKey()))));
            }
        }
        return new SplitDnsState(null, byIndex.getOrDefault(ResolvedBus.GLOBAL, LinkDns.NONE), links,
                ResolvedBus.parseString(run(host, ResolvedBus.readTls())), linkTls, serverLinks, noLink, boot);
    }

    /** Each server's link, the one the kernel routes it through, into {@code found}; else why not, into {@code none}. */
    private static void routeLinks(Host host, List<InetAddress> servers, Map<String, String> found, Map<String, String> none)
            throws IOException {
        for (InetAddress a : servers) {
            String address = Addresses.text(a);
            CommandResult r = host.commands().run(new Command(LinkChoice.routeGet(address), null, null));
            if (!r.ok()) {
                none.put(address, "ip route get: " + r.stderr().strip());
                continue;
            }
            LinkChoice.parseRouteGet(r.stdout()).ifPresentOrElse(dev -> found.put(address, dev),
                    () -> none.put(address, "the kernel routes it through no link (a local or blackhole route)"));
        }
    }

    /** Why this host cannot route names by domain (which stub it lacks), or empty when it can. */
    static Optional<String> unavailable(Host host) throws IOException {
        List<String> chain = HostReads.linkChain(host.files(), ResolvConf.PATH);
        String text = HostReads.readThrough(host.files(), ResolvConf.PATH, chain);
        return Optional.ofNullable(read(host, chain, text, List.of()).unavailable());
    }

    /**
     * One link's settings as resolved holds them now, with its DNS-over-TLS mode and the global
     * one when {@code tls}; empty when the kernel has no such link.
     */
    static Optional<LinkDnsImage> link(Host host, String name, boolean tls) throws IOException {
        Map<Integer, String> names = LinkChoice.parseLinks(run(host, LinkChoice.LINKS));
        for (var e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                LinkDns dns = ResolvedBus.parse(run(host, ResolvedBus.READ)).getOrDefault(e.getKey(), LinkDns.NONE);
                String own = tls ? ResolvedBus.parseString(run(host, ResolvedBus.readTls(e.getKey()))) : null;
                String global = tls ? ResolvedBus.parseString(run(host, ResolvedBus.readTls())) : null;
                boolean saved = host.files().exists(ResolvedBus.NETIF + e.getKey());
                return Optional.of(new LinkDnsImage(name, true, saved, dns, own, global));
            }
        }
        return Optional.empty();
    }

    static boolean installed(Files files) throws IOException {
        for (String path : DAEMON) {
            if (files.exists(path)) {
                return true;
            }
        }
        return false;
    }

    /** For a policy without routes: only leakguard's boot files, which a routed policy before it may have left. */
    static SplitDnsState boot(Files files) throws IOException {
        return new SplitDnsState(null, LinkDns.NONE, Map.of(), "", Map.of(), Map.of(), Map.of(), bootFiles(files));
    }

    private static Map<String, String> bootFiles(Files files) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String path : SplitDnsBoot.FILES) {
            out.put(path, files.readString(path).orElse(null));
        }
        return out;
    }

    static String run(Host host, List<String> argv) throws IOException {
        CommandResult r = host.commands().run(new Command(argv, null, null));
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdout();
    }
}
