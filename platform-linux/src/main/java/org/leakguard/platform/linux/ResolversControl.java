package org.leakguard.platform.linux;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Pins the resolvers where the host's resolver manager reads them: a systemd-resolved drop-in
 * where resolved owns /etc/resolv.conf, else a plain /etc/resolv.conf. With protectFromOverwrite,
 * NetworkManager, dhclient and openresolv are configured so DHCP cannot bring other servers back.
 */
final class ResolversControl implements Control<ResolvState> {
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.?");

    @Override
    public String id() {
        return "resolvers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null && (!spec.resolvers().servers().isEmpty() || spec.resolvers().routed());
    }

    @Override
    public ResolvState observe(Spec spec, Host host) throws IOException {
        Resolvers want = spec.resolvers();
        ResolvState seen = read(host, want.protect(), want.routes().stream().flatMap(r -> r.servers().stream()).distinct().toList(),
                want.servers().isEmpty() ? null : ResolvedDropIn.render(want));
        List<String> servers = want.servers().stream().map(Addresses::withScope).toList();
        return WindowResolvers.shaped(seen, servers) ? seen.withWindow(PortalSets.open(host)) : seen;
    }

    /**
     * Everything the plan needs; {@code connections}: ask nmcli for NetworkManager's active
     * connections; {@code routeServers}: the routes' servers, whose links resolved's per-link
     * state is read for (none: only leakguard's split-DNS boot files are read); {@code dropIn}: the
     * resolved drop-in the policy asks for, or null when it pins no server.
     */
    static ResolvState read(Host host, boolean connections, List<InetAddress> routeServers, String dropIn) throws IOException {
        Files f = host.files();
        List<String> chain = HostReads.linkChain(f, ResolvConf.PATH);
        String text = HostReads.readThrough(f, ResolvConf.PATH, chain);
        boolean leases = HostReads.anyEndingWith(f, "/var/lib/dhcp", ".leases")
                || HostReads.anyEndingWith(f, "/var/lib/dhclient", ".lease")
                || HostReads.anyEndingWith(f, "/var/lib/dhclient", ".leases");
        return new ResolvState(chain, text, leases, f.exists(DhclientConf.DIR),
                f.readString(DhclientConf.PATH).orElse(null),
                f.readString(DhclientHook.PATH).orElse(null),
                new DhcpcdState(f.exists(DhcpcdHook.CONF), f.readString(DhcpcdHook.PATH).orElse(null)),
                NetworkManagerReads.read(host, connections),
                ResolvedReads.read(host, ResolvConf.parseOwner(chain, text, leases) == ResolvOwner.SYSTEMD_RESOLVED, dropIn),
                connections ? NetworkdReads.read(host) : NetworkdState.none(),
                ResolvconfReads.read(f, text),
                routeServers.isEmpty() ? SplitDnsReads.boot(f) : SplitDnsReads.read(host, chain, text, routeServers),
                f.exists(HostReads.SYSTEMD_RUNNING),
                host.offline(),
                List.of());
    }

    @Override
    public Assessment plan(Spec spec, ResolvState seen) {
        Resolvers want = spec.resolvers();
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info(ownerMessage(seen)));
        if (seen.owner() == ResolvOwner.PLAIN) {
            findings.add(Finding.warning("no resolver manager was identified for " + ResolvConf.PATH
                    + ", so whatever wrote it may write it again; evidence: " + String.join("; ", seen.evidence())));
        }
        if (!validNames(want, findings)) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
        }
        if (want.servers().isEmpty()) {
            return routesOnly(want, seen, findings);
        }
        if (want.servers().size() > ResolvConf.GLIBC_MAXNS) {
            findings.add(Finding.warning("resolvers.servers lists " + want.servers().size()
                    + " servers but glibc reads only the first " + ResolvConf.GLIBC_MAXNS
                    + " nameserver lines (MAXNS); the rest are written but unused"));
        }
        if (seen.owner() == ResolvOwner.SYSTEMD_RESOLVED && ResolvedPlan.onlyStubs(want, findings)) {
            return new Assessment(Status.NON_COMPLIANT, List.of(), findings);
        }
        List<Change> changes = new ArrayList<>();
        if (want.protect()) {
            Protection.plan(want, seen, changes, findings);
        }
        boolean held = pin(want, seen, changes, findings);
        held &= encryption(want, seen, findings);
        held &= SplitDnsPlan.plan(want, WindowResolvers.withoutWindowLinks(seen.split(), seen.window(), findings),
                seen.canRunSystemctl(), changes, findings);
        return held ? Assessment.of(changes, findings) : new Assessment(Status.NON_COMPLIANT, changes, findings);
    }

    /** Routes without pinned servers: only the route links are set; every other name goes where the host sends it. */
    private static Assessment routesOnly(Resolvers want, ResolvState seen, List<Finding> findings) {
        findings.add(Finding.info("resolvers.servers names no server: only names under the routes are held to their servers;"
                + " every other name goes to the servers the host has"));
        List<Change> changes = new ArrayList<>();
        boolean held = SplitDnsPlan.plan(want, WindowResolvers.withoutWindowLinks(seen.split(), seen.window(), findings),
                seen.canRunSystemctl(), changes, findings);
        return held ? Assessment.of(changes, findings) : new Assessment(Status.NON_COMPLIANT, changes, findings);
    }

    /** Where resolved owns the file, its drop-in; its uplink list is replaced by a plain file as well. */
    private static boolean pin(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        if (seen.owner() != ResolvOwner.SYSTEMD_RESOLVED) {
            planResolvConf(want, seen, changes, findings);
            return true;
        }
        boolean held = ResolvedPlan.plan(want, seen, changes, findings);
        if (ResolvedPlan.isUplinkMode(seen)) {
            findings.add(Finding.warning(ResolvedMessages.uplinkMode()));
            planResolvConf(want, seen, changes, findings);
        }
        return held;
    }

    /** False (with an error) when a search domain or the TLS name could break the files they go into. */
    private static boolean validNames(Resolvers want, List<Finding> findings) {
        List<String> bad = want.searchDomains().stream().filter(d -> !DOMAIN.matcher(d).matches()).toList();
        if (!bad.isEmpty()) {
            findings.add(Finding.error("resolvers.searchDomains: not a domain name: " + bad + "; fix the policy"));
            return false;
        }
        if (want.tlsName() != null && !DOMAIN.matcher(want.tlsName()).matches()) {
            findings.add(Finding.error("resolvers.tlsName: not a domain name: " + want.tlsName() + "; fix the policy"));
            return false;
        }
        return true;
    }

    /** Encryption that is not applied is an error, never silently plain. */
    private static boolean encryption(Resolvers want, ResolvState seen, List<Finding> findings) {
        if (want.encryption() == Encryption.NONE) {
            return true;
        }
        if (want.encryption() == Encryption.DOH) {
            findings.add(Finding.error("resolvers.encryption: doh is not available on Linux: neither glibc nor"
                    + " systemd-resolved speaks DNS over HTTPS, so queries to " + want.servers().stream()
                            .map(Addresses::withScope).toList() + " go in clear; use dot where systemd-resolved runs"));
            return false;
        }
        if (seen.owner() == ResolvOwner.SYSTEMD_RESOLVED && !ResolvedPlan.isUplinkMode(seen)) {
            findings.add(Finding.info("DNS over TLS is strict (DNSOverTLS=yes): resolved never falls back to"
                    + " plain DNS, and checks the certificate against " + want.tlsName()));
            return true;
        }
        findings.add(Finding.error("resolvers.encryption: " + want.encryption().yaml() + " is not applied: a plain "
                + ResolvConf.PATH + " cannot encrypt, and this version encrypts only through systemd-resolved,"
                + " which does not own this host's resolv.conf; queries to " + ipv4Servers(want) + " go in clear"));
        return false;
    }

    private static void planResolvConf(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        List<String> servers = want.servers().stream().map(Addresses::withScope).toList();
        if (!seen.isLink() && pins(seen.text(), servers, want.searchDomains())) {
            findings.add(Finding.info(ResolvConf.PATH + " pins " + servers + searchText(want)));
            return;
        }
        if (!seen.isLink() && WindowResolvers.leads(seen.text(), seen.window(), servers, want.searchDomains())) {
            findings.add(Finding.info(ResolvConf.PATH + " names the network's resolver first while the captive-portal window"
                    + " is open, " + servers + " after it; the close of the window puts the pinned file back"));
            return;
        }
        String why = seen.isLink()
                ? "replace the link to " + seen.linkChain().get(0) + " (" + seen.owner().label()
                        + ") with a plain file pinning " + servers
                : "pin nameservers " + servers + searchText(want) + "; keep the other lines";
        changes.add(WriteFile.text(ResolvConf.PATH, ResolvConf.pin(seen.text(), servers, want.searchDomains()), null, why));
        List<String> dropped = new ArrayList<>(ResolvConf.parseNameservers(seen.text()));
        dropped.removeAll(servers);
        if (!dropped.isEmpty()) {
            findings.add(Finding.info("nameservers " + dropped + " leave " + ResolvConf.PATH));
        }
        if (seen.owner() == ResolvOwner.WSL) {
            findings.add(Finding.warning("WSL rewrites " + ResolvConf.PATH
                    + " at start; set generateResolvConf = false under [network] in /etc/wsl.conf"));
        }
    }

    /**
     * Exactly these nameservers and search list, whoever wrote the file: openresolv and
     * dhclient-script regenerate it with the pinned values once protected, and that holds. A
     * policy that names no search domain leaves whatever search list the host has.
     */
    static boolean pins(String text, List<String> servers, List<String> search) {
        return text != null && ResolvConf.parseNameservers(text).equals(servers)
                && (search.isEmpty() || ResolvConf.parseSearch(text).equals(search));
    }

    private static String searchText(Resolvers want) {
        return want.searchDomains().isEmpty() ? " (the host's search list is kept)" : ", search " + want.searchDomains();
    }

    private static String ownerMessage(ResolvState seen) {
        String link = seen.isLink() ? " (symlink to " + String.join(" -> ", seen.linkChain()) + ")" : "";
        return ResolvConf.PATH + link + " is written by " + seen.owner().label();
    }

    static List<String> ipv4Servers(Resolvers want) {
        return want.servers().stream().filter(a -> !Addresses.isV6(a)).map(InetAddress::getHostAddress).toList();
    }
}
