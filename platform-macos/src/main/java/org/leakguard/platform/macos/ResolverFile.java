package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code /etc/resolver/DOMAIN} file (resolver(5)): configd adds it to the DNS configuration as a
 * resolver for that domain, named after the file, so mDNSResponder sends every name under the
 * domain to its nameservers only. configd reads at most {@value #MAXNS} {@code nameserver} lines
 * (MAXNS in dnsinfo_flatfile.c; more are ignored), so no more are written. No {@code port}
 * (53 is the default), no {@code search_order} (only needed when two resolvers share a domain, which
 * the check reports instead) and no {@code domain} line (the file name is the domain).
 *
 * @param domain lower case, no trailing dot
 * @param servers in the route's order; only the first {@value #MAXNS} are written
 */
record ResolverFile(String domain, List<InetAddress> servers) {
    static final String DIR = "/etc/resolver";
    static final int MAXNS = 3;
    static final String HEADER = "# leakguard: ";
    /** A DNS name, label by label: nothing that could step out of the directory or into another file. */
    private static final Pattern NAME = Pattern.compile("(?!-)[a-z0-9-]{1,63}(?<!-)(\\.(?!-)[a-z0-9-]{1,63}(?<!-))*");

    ResolverFile {
        domain = domain.toLowerCase(Locale.ROOT);
        if (domain.length() > 253 || !NAME.matcher(domain).matches()) {
            throw new IllegalArgumentException("resolvers.routes: \"" + domain + "\" is not a domain name, so it cannot"
                    + " name a file in " + DIR + "; use letters, digits, hyphens and dots");
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("resolvers.routes: " + domain + " has no servers");
        }
        servers = List.copyOf(servers);
    }

    static String path(String domain) {
        return DIR + "/" + domain;
    }

    String path() {
        return path(domain);
    }

    /** What configd will list as this domain's nameservers. */
    List<InetAddress> written() {
        return servers.subList(0, Math.min(MAXNS, servers.size()));
    }

    String text() {
        StringBuilder out = new StringBuilder(HEADER + "names under " + domain + " go only to these servers;"
                + " generated, removed on rollback\n");
        Ips.texts(written()).forEach(s -> out.append("nameserver ").append(s).append('\n'));
        return out.toString();
    }

    /** Whether a file in the directory is one leakguard wrote (an admin's own file is never removed). */
    static boolean ours(String text) {
        return text != null && text.startsWith(HEADER);
    }
}
