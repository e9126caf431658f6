package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;

/**
 * {@code agent diagnose} on a Mac: each service's DNS, scutil's resolvers, the per-domain routing (each
 * domain resolver with its servers), what bypasses a pin, and whether iCloud Private Relay may be on. Read-only.
 */
final class MacDiagnosis {
    private MacDiagnosis() {}

    static List<Diagnosis> run(Host host) {
        List<Diagnosis> out = new ArrayList<>();
        out.add(services(host));
        try {
            out.addAll(resolvers(ServiceReads.scutil(host)));
        } catch (IOException | RuntimeException e) {
            out.add(new Diagnosis("resolvers", Finding.Severity.WARNING, "scutil --dns could not be read: " + e.getMessage(),
                    List.of()));
        }
        out.add(privateRelay(host));
        return out;
    }

    /** Private Relay takes Safari's lookups around every resolver: on unless a profile says otherwise. */
    static Diagnosis privateRelay(Host host) {
        String command = String.join(" ", PrivateRelay.SHOW);
        try {
            if (PrivateRelay.off(host)) {
                return new Diagnosis("private relay", Finding.Severity.INFO, "iCloud Private Relay is turned off by an"
                        + " installed configuration profile (allowCloudPrivateRelay false)", List.of(command));
            }
            return new Diagnosis("private relay", Finding.Severity.WARNING, "iCloud Private Relay may be active: no installed"
                    + " profile turns it off, and while it is on Safari's lookups bypass every resolver setting and the"
                    + " firewall; set macos.privateRelay: disable and install the exported profile, or: " + PrivateRelay.SWITCH,
                    List.of(command + ": no allowCloudPrivateRelay false"));
        } catch (IOException | RuntimeException e) {
            return new Diagnosis("private relay", Finding.Severity.WARNING, "could not tell whether iCloud Private Relay is"
                    + " turned off (" + e.getMessage() + "); it may be active", List.of(command));
        }
    }

    private static Diagnosis services(Host host) {
        List<String> skipped = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        List<String> dhcp = new ArrayList<>();
        try {
            for (String name : ServiceReads.enabled(host, skipped)) {
                ServiceDns dns = ServiceReads.dns(host, name, false);
                evidence.add("\"" + name + "\": " + (dns.servers().isEmpty() ? "no manual servers (DHCP's apply)"
                        : String.join(" ", dns.servers())));
                if (dns.servers().isEmpty()) {
                    dhcp.add(name);
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Diagnosis("services", Finding.Severity.WARNING, "networksetup could not be read: " + e.getMessage(),
                    List.of());
        }
        skipped.forEach(s -> evidence.add("skipped: " + s));
        return dhcp.isEmpty()
                ? new Diagnosis("services", Finding.Severity.INFO, "every enabled network service has manual DNS servers",
                        evidence)
                : new Diagnosis("services", Finding.Severity.WARNING, "not pinned, DHCP decides their resolvers: "
                        + String.join(", ", dhcp), evidence);
    }

    static List<Diagnosis> resolvers(List<DnsResolver> resolvers) {
        List<String> defaults = new ArrayList<>();
        java.util.Set<String> domains = new java.util.LinkedHashSet<>();
        List<String> routing = new ArrayList<>();
        List<String> bypass = new ArrayList<>();
        for (DnsResolver r : resolvers) {
            if (r.supplemental() && r.domain() != null) {
                domains.add(r.domain());
                routing.add(r.domain() + " -> " + String.join(", ", r.nameservers()) + " (resolver #" + r.number() + ", "
                        + r.origin() + ")");
            } else if (r.supplemental()) {
                bypass.add(r.describe());
            } else if (!r.scoped() && !r.mdns() && r.domain() == null) {
                defaults.add(r.describe());
            }
        }
        List<Diagnosis> out = new ArrayList<>();
        out.add(new Diagnosis("resolvers", defaults.isEmpty() ? Finding.Severity.WARNING : Finding.Severity.INFO,
                defaults.isEmpty() ? "scutil --dns shows no default resolver with a nameserver"
                        : "default resolvers: " + String.join(", ", ScutilDns.inUse(resolvers).stream().map(Ips::text).toList()),
                defaults));
        if (!routing.isEmpty()) {
            out.add(new Diagnosis("per-domain routing", Finding.Severity.WARNING, "names under " + String.join(", ", domains)
                    + " go to their own resolvers, not the default ones: a pin of the default resolvers does not cover"
                    + " them (resolvers.routes does, and check compares them with it)", routing));
        }
        if (!bypass.isEmpty()) {
            out.add(new Diagnosis("supplemental resolvers", Finding.Severity.WARNING,
                    bypass.size() + " resolver(s) match every name beside the default resolver, so a pin does not"
                            + " cover them",
                    bypass));
        }
        return out;
    }
}
