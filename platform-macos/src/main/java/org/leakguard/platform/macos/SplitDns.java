package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.spi.Finding;

/**
 * Routing by domain ({@code resolvers.routes}) as {@code /etc/resolver} files, and its check against
 * what configd made of them in {@code scutil --dns}: the file only says what should happen, the
 * resolver list is what mDNSResponder uses. Pure.
 */
final class SplitDns {
    private SplitDns() {}

    /** One file per routed domain; a domain that cannot name a file is an error finding and left out. */
    static List<ResolverFile> wanted(List<Route> routes, List<Finding> findings) {
        List<ResolverFile> out = new ArrayList<>();
        for (Route route : routes) {
            for (String domain : route.domains()) {
                try {
                    out.add(new ResolverFile(domain, route.servers()));
                } catch (IllegalArgumentException e) {
                    findings.add(Finding.error(e.getMessage()));
                }
            }
            if (route.servers().size() > ResolverFile.MAXNS) {
                findings.add(Finding.warning("resolvers.routes " + String.join(", ", route.domains()) + ": macOS asks at"
                        + " most " + ResolverFile.MAXNS + " nameservers per resolver (configd reads only the first "
                        + ResolverFile.MAXNS + " nameserver lines of an /etc/resolver file), so "
                        + String.join(", ", Ips.texts(route.servers().subList(ResolverFile.MAXNS, route.servers().size())))
                        + " will not be asked; list the ones that matter first"));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Writes each wanted file whose text differs (an admin's file of the same name is the
     * before-image, restored on rollback) and removes leakguard's files for domains no longer routed.
     *
     * @param present the files in {@value ResolverFile#DIR} by name, with their text
     */
    static List<Change> changes(List<ResolverFile> wanted, Map<String, String> present, List<Finding> findings) {
        List<Change> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (ResolverFile f : wanted) {
            names.add(f.domain());
            String now = present.get(f.domain());
            if (f.text().equals(now)) {
                continue;
            }
            String was = now == null ? "there was no such file"
                    : ResolverFile.ours(now) ? "it listed other servers"
                    : "it replaces a file leakguard did not write, which rollback puts back";
            if (now != null && !ResolverFile.ours(now)) {
                findings.add(Finding.warning(f.path() + " exists and was not written by leakguard: apply replaces it"
                        + " with the route's servers and keeps it in the journal"));
            }
            out.add(WriteFile.text(f.path(), f.text(), 0644, "names under " + f.domain() + " go only to "
                    + String.join(", ", Ips.texts(f.written())) + " (" + was + ")"));
        }
        present.forEach((name, text) -> {
            if (!names.contains(name) && ResolverFile.ours(text)) {
                out.add(new DeleteFile(ResolverFile.path(name), name + " is no longer routed by the policy"));
            }
        });
        return out;
    }

    /**
     * Judges each routed domain from scutil's resolvers: it must be listed (configd read the file)
     * and every resolver for it, or for a name under it, must ask only the route's servers. Adds a
     * finding per domain; returns whether one is absent or reaches other servers.
     *
     * @param pending file changes are planned: scutil shows the state before them, so problems are
     *     warnings now and judged again after apply
     */
    static boolean judge(List<ResolverFile> wanted, List<DnsResolver> resolvers, boolean pending, List<Finding> findings) {
        boolean wrong = false;
        for (ResolverFile f : wanted) {
            Set<InetAddress> servers = new HashSet<>(f.written());
            List<String> answering = new ArrayList<>();
            List<String> other = new ArrayList<>();
            for (DnsResolver r : resolvers) {
                String domain = domain(r);
                if (domain == null || !(domain.equals(f.domain()) || domain.endsWith("." + f.domain()))) {
                    continue;
                }
                if (asks(r).equals(servers)) {
                    answering.add(r.describe());
                } else {
                    other.add(r.describe());
                }
            }
            if (other.isEmpty() && !answering.isEmpty()) {
                findings.add(Finding.info("routed: scutil --dns " + String.join("; ", answering)));
                continue;
            }
            wrong = true;
            String message = "resolvers.routes " + f.domain() + ": " + (other.isEmpty()
                    ? "scutil --dns lists no resolver for it, so its names go to the default resolvers (configd has not"
                            + " read " + f.path() + ", or it is missing)"
                    : "scutil --dns " + String.join("; ", other) + ", not only the route's servers "
                            + String.join(", ", Ips.texts(f.written())) + ": a VPN client or another /etc/resolver file"
                            + " supplies it; remove that configuration or make its servers the route's");
            findings.add(pending ? Finding.warning(message + " (judged again after the changes)") : Finding.error(message));
        }
        return wrong;
    }

    /** Whether a domain resolver is one of the routes, asking exactly its servers: not a bypass of the pin. */
    static boolean routed(DnsResolver r, List<ResolverFile> wanted) {
        String domain = domain(r);
        return domain != null
                && wanted.stream().anyMatch(f -> f.domain().equals(domain) && asks(r).equals(new HashSet<>(f.written())));
    }

    /** The domain of a resolver that answers only that domain's names, lower case, no trailing dot; else null. */
    private static String domain(DnsResolver r) {
        if (r.domain() == null || r.mdns() || r.scoped() || r.nameservers().isEmpty()) {
            return null;
        }
        String d = r.domain().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static Set<InetAddress> asks(DnsResolver r) {
        Set<InetAddress> out = new LinkedHashSet<>();
        for (String n : r.nameservers()) {
            out.add(Ips.isLiteral(n) ? Ips.parse(n) : null);
        }
        return out;
    }
}
