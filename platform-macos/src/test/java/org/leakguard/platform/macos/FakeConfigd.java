package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * configd's DNS configuration as {@code scutil --dns} prints it, built the way configd builds it
 * (configd-1405: IPMonitor's dns-configuration.c, dnsinfo_flatfile.c, dnsinfo_logging.h): the
 * default resolver and the services' supplemental ones, then the six mDNS domains, sorted as
 * {@code compareDomain} sorts them (no domain first; forward before reverse zones; labels compared
 * from the right; longer before shorter; then the search order); the /etc/resolver files are
 * appended after all of them in directory order, each named after its file unless it says
 * {@code domain}, with at most three nameservers and the default query flags, no interface and no
 * Supplemental flag. Numbering, field order and the {@code order} line (only when non-zero) follow
 * {@code _dns_resolver_log}.
 */
final class FakeConfigd {
    static final String FLAGS = "Request A records, Request AAAA records";
    static final String REACHABLE = "0x00000002 (Reachable)";
    static final String TUNNEL = "0x00000003 (Reachable,Transient Connection)";
    private static final String LOCAL = "0x00030002 (Reachable,Local Address,Directly Reachable Address)";
    private static final List<String> MDNS = List.of("local", "254.169.in-addr.arpa", "8.e.f.ip6.arpa", "9.e.f.ip6.arpa",
            "a.e.f.ip6.arpa", "b.e.f.ip6.arpa");

    /** One resolver; null fields are not printed. */
    record Entry(String domain, List<String> nameservers, String options, Integer port, Integer timeout, String ifName,
            int ifIndex, String flags, String reach, long order) {
    }

    private FakeConfigd() {}

    static Entry service(List<String> servers, String ifName, int ifIndex, String flags, String reach, long order) {
        return new Entry(null, servers, null, null, null, ifName, ifIndex, flags, reach, order);
    }

    /**
     * @param resolvers the default and supplemental resolvers (any order: they are sorted here)
     * @param files /etc/resolver by file name, in the order readdir gives them
     */
    static String scutil(List<Entry> resolvers, Map<String, String> files, List<Entry> scoped) {
        List<Entry> all = new ArrayList<>(resolvers);
        for (int i = 0; i < MDNS.size(); i++) {
            all.add(new Entry(MDNS.get(i), List.of(), "mdns", null, 5, null, 0, FLAGS, "0x00000000 (Not Reachable)",
                    300000 + 200L * i));
        }
        all.sort(FakeConfigd::compareDomain);
        files.forEach((name, text) -> {
            Entry e = flatfile(name, text);
            if (e != null) {
                all.add(e);
            }
        });
        StringBuilder out = new StringBuilder("DNS configuration\n");
        for (int i = 0; i < all.size(); i++) {
            print(out, all.get(i), i + 1);
        }
        if (!scoped.isEmpty()) {
            out.append("\nDNS configuration (for scoped queries)\n");
            for (int i = 0; i < scoped.size(); i++) {
                print(out, scoped.get(i), i + 1);
            }
        }
        return out.toString();
    }

    private static int compareDomain(Entry a, Entry b) {
        if (a.domain() == null || b.domain() == null) {
            return a.domain() != null ? 1 : b.domain() != null ? -1 : Long.compare(a.order(), b.order());
        }
        boolean ra = a.domain().endsWith(".arpa");
        boolean rb = b.domain().endsWith(".arpa");
        if (ra != rb) {
            return ra ? 1 : -1;
        }
        String[] la = a.domain().split("\\.");
        String[] lb = b.domain().split("\\.");
        int na = la.length;
        int nb = lb.length;
        while (na > 0 && nb > 0) {
            int c = la[--na].compareToIgnoreCase(lb[--nb]);
            if (c != 0) {
                return c;
            }
        }
        return na != nb ? Integer.compare(nb, na) : Comparator.comparingLong(Entry::order).compare(a, b);
    }

    /** dnsinfo_flatfile.c: first word the keyword (any case), '#' or ';' a comment, one value each but three nameservers. */
    static Entry flatfile(String name, String text) {
        String domain = null;
        List<String> servers = new ArrayList<>();
        Integer port = null;
        Integer timeout = null;
        long order = 0;
        boolean any = false;
        for (String line : text.split("\n")) {
            String[] words = line.strip().split("[ \t]+");
            if (words.length < 2 || words[0].startsWith("#") || words[0].startsWith(";")) {
                continue;
            }
            String value = words[1];
            switch (words[0].toLowerCase(Locale.ROOT)) {
                case "domain" -> domain = domain != null ? domain : value.replaceAll("\\.+$", "");
                case "nameserver" -> {
                    if (servers.size() < ResolverFile.MAXNS && Ips.isLiteral(value)) {
                        servers.add(Ips.text(Ips.parse(value)));
                    }
                }
                case "port" -> port = port != null ? port : Integer.valueOf(value);
                case "timeout" -> timeout = timeout != null ? timeout : Integer.valueOf(value);
                case "search_order" -> order = order != 0 ? order : Long.parseLong(value);
                default -> {
                    continue;
                }
            }
            any = true;
        }
        if (!any) {
            return null;
        }
        boolean loopback = !servers.isEmpty() && servers.stream().allMatch(s -> Ips.parse(s).isLoopbackAddress());
        return new Entry(domain == null ? name : domain, servers, null, port, timeout, null, 0, FLAGS,
                loopback ? LOCAL : REACHABLE, order);
    }

    private static void print(StringBuilder out, Entry e, int number) {
        out.append("\nresolver #").append(number).append('\n');
        if (e.domain() != null) {
            out.append("  domain   : ").append(e.domain()).append('\n');
        }
        for (int i = 0; i < e.nameservers().size(); i++) {
            out.append("  nameserver[").append(i).append("] : ").append(e.nameservers().get(i)).append('\n');
        }
        if (e.options() != null) {
            out.append("  options  : ").append(e.options()).append('\n');
        }
        if (e.port() != null) {
            out.append("  port     : ").append(e.port()).append('\n');
        }
        if (e.timeout() != null) {
            out.append("  timeout  : ").append(e.timeout()).append('\n');
        }
        if (e.ifName() != null) {
            out.append("  if_index : ").append(e.ifIndex()).append(" (").append(e.ifName()).append(")\n");
        }
        out.append("  flags    : ").append(e.flags()).append("\n  reach    : ").append(e.reach()).append('\n');
        if (e.order() != 0) {
            out.append("  order    : ").append(e.order()).append('\n');
        }
    }
}
