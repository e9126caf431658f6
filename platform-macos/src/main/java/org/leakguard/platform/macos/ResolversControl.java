package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Encryption;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * Pins the policy's servers (and search domains) on every enabled network service: macOS cannot
 * scope DNS to one interface, so one service left on DHCP's servers is a leak whenever it is the
 * primary. Compliance is judged from what answers: scutil's default and scoped resolvers, each
 * named with its interface ({@link EffectiveResolvers}); supplemental ones (a VPN's split DNS,
 * /etc/resolver) are reported. Encrypted DNS needs the configuration profile, whose presence is checked.
 * Each domain of {@code resolvers.routes} gets an /etc/resolver file with the route's servers, in
 * plain DNS, judged from scutil's list ({@link SplitDns}).
 */
final class ResolversControl implements Control<ResolverSeen> {

    @Override
    public String id() {
        return "resolvers";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.resolvers() != null;
    }

    @Override
    public ResolverSeen observe(Spec spec, Host host) {
        List<String> skipped = new ArrayList<>();
        List<ServiceDns> services = new ArrayList<>();
        Map<String, String> files;
        try {
            for (String name : ServiceReads.enabled(host, skipped)) {
                services.add(ServiceReads.dns(host, name, !spec.resolvers().searchDomains().isEmpty()));
            }
            files = ServiceReads.resolverFiles(host);
        } catch (IOException | IllegalArgumentException e) {
            return ResolverSeen.unreadable("network services could not be read: " + e.getMessage());
        }
        List<DnsResolver> resolvers = List.of();
        String scutilProblem = null;
        try {
            resolvers = ServiceReads.scutil(host);
        } catch (IOException | IllegalArgumentException e) {
            scutilProblem = e.getMessage();
        }
        Set<String> profiles = null;
        String profilesProblem = null;
        if (spec.resolvers().encryption() != Encryption.NONE) {
            try {
                profiles = ServiceReads.profiles(host);
            } catch (IOException e) {
                profilesProblem = e.getMessage();
            }
        }
        return new ResolverSeen(null, services, skipped, resolvers, scutilProblem, profiles, profilesProblem, files);
    }

    @Override
    public Assessment plan(Spec spec, ResolverSeen seen) {
        if (seen.problem() != null) {
            return Assessment.unknown(seen.problem());
        }
        if (seen.services().isEmpty()) {
            return Assessment.unknown("networksetup lists no enabled network service to pin"
                    + (seen.skipped().isEmpty() ? "" : " (" + String.join("; ", seen.skipped()) + ")"));
        }
        Resolvers r = spec.resolvers();
        List<String> servers = List.copyOf(new LinkedHashSet<>(Ips.texts(r.servers())));
        List<Finding> findings = new ArrayList<>();
        List<ResolverFile> routed = SplitDns.wanted(r.routes(), findings);
        List<Change> files = SplitDns.changes(routed, seen.resolverFiles(), findings);
        // The route files come first, so no routed name reaches the newly pinned servers while apply
        // runs; rollback undoes in reverse, so it restores the services before it removes the files.
        List<Change> changes = new ArrayList<>(files);
        for (ServiceDns s : seen.services()) {
            if (!servers.isEmpty() && !sameAddresses(s.servers(), servers)) {
                changes.add(new SetServiceList(ServiceSetting.DNS_SERVERS, s.service(), servers,
                        "was " + shown(s.servers(), "none set, so DHCP's servers applied")));
            }
            if (!r.searchDomains().isEmpty() && !lower(s.search()).equals(lower(r.searchDomains()))) {
                changes.add(new SetServiceList(ServiceSetting.SEARCH_DOMAINS, s.service(), r.searchDomains(),
                        "was " + shown(s.search(), "none set")));
            }
        }
        if (servers.isEmpty()) {
            findings.add(Finding.info("resolvers.servers is empty: no service's DNS servers are changed"));
        }
        seen.skipped().forEach(s -> findings.add(Finding.warning("not pinned: " + s + "; once enabled it needs apply again")));
        supplemental(seen, routed, findings);
        boolean missingProfile = false;
        boolean unknown = false;
        if (r.encryption() != Encryption.NONE) {
            Optional<Finding> missing = ProfileCheck.missing(spec, seen.profiles(), seen.profilesProblem(),
                    "resolvers.encryption " + r.encryption().yaml());
            missing.ifPresent(findings::add);
            findings.add(missing.isPresent() ? Finding.info("until the profile is installed, the pinned servers are"
                    + " asked in plain DNS") : ProfileCheck.installed(spec, "encrypted DNS"));
            missingProfile = missing.isPresent() && seen.profiles() != null;
            unknown = missing.isPresent() && seen.profiles() == null;
        }
        boolean stray = false;
        if (!servers.isEmpty() || !routed.isEmpty()) {
            if (seen.scutilProblem() == null) {
                stray = !servers.isEmpty()
                        && EffectiveResolvers.stray(seen.resolvers(), servers, !changes.isEmpty(), findings);
                stray |= SplitDns.judge(routed, seen.resolvers(), !files.isEmpty(), findings);
            } else {
                unknown = true;
            }
        }
        Status status = !changes.isEmpty() || stray || missingProfile ? Status.NON_COMPLIANT
                : unknown ? Status.UNKNOWN : Status.COMPLIANT;
        return new Assessment(status, changes, findings);
    }

    /** scutil's resolvers that answer some domains' names without asking the pinned servers. */
    private static void supplemental(ResolverSeen seen, List<ResolverFile> routed, List<Finding> findings) {
        if (seen.scutilProblem() != null) {
            findings.add(Finding.warning("scutil --dns could not be read (" + seen.scutilProblem()
                    + "): the resolvers that answer were not judged, and supplemental ones, which bypass the pinned"
                    + " servers, were not looked for"));
        }
        for (DnsResolver d : seen.resolvers()) {
            // One that matches every name is judged with the default resolvers instead.
            if (d.supplemental() && !d.judged() && !SplitDns.routed(d, routed)) {
                findings.add(Finding.warning("scutil --dns " + d.describe() + ": these names bypass the pinned servers"
                        + " (an /etc/resolver file or a VPN's split DNS); the firewall section decides whether they are"
                        + " reachable"));
            }
        }
    }

    static boolean sameAddresses(List<String> seen, List<String> wanted) {
        return seen.stream().map(Ips::parse).toList().equals(wanted.stream().map(Ips::parse).toList());
    }

    private static List<String> lower(List<String> names) {
        return names == null ? List.of() : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    private static String shown(List<String> values, String none) {
        return values == null || values.isEmpty() ? none : String.join(" ", values);
    }
}
