package org.leakguard.platform.macos;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code scutil --dns}: the resolver configuration mDNSResponder uses. Tolerates every form seen
 * in captures from 10.8 to current releases: a missing "DNS configuration" header, reachability on
 * a line of its own, and numbering gaps.
 */
final class ScutilDns {
    static final List<String> COMMAND = List.of("scutil", "--dns");
    private static final Pattern RESOLVER = Pattern.compile("resolver #(\\d+)");
    private static final Pattern FIELD = Pattern.compile("\\s+([a-z_ ]+?)(?:\\[\\d+])?\\s*:\\s*(.*)");
    private static final Pattern IF_NAME = Pattern.compile("\\d+\\s*\\((.+)\\)");

    private ScutilDns() {}

    static List<DnsResolver> parse(String text) {
        List<DnsResolver> out = new ArrayList<>();
        boolean scoped = false;
        Block block = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.replace("\r", "");
            if (line.startsWith("DNS configuration")) {
                add(out, block);
                block = null;
                scoped = line.contains("scoped");
                continue;
            }
            Matcher r = RESOLVER.matcher(line);
            if (r.matches()) {
                add(out, block);
                block = new Block(scoped, Integer.parseInt(r.group(1)));
                continue;
            }
            Matcher f = FIELD.matcher(line);
            if (block != null && f.matches()) {
                block.field(f.group(1), f.group(2).strip());
            }
        }
        add(out, block);
        return List.copyOf(out);
    }

    /**
     * Where queries go now: the nameservers of every resolver but mDNS, each once, loopback stubs
     * left out (queries they forward are what the firewall and the probes look at).
     */
    static List<InetAddress> inUse(List<DnsResolver> resolvers) {
        List<InetAddress> out = new ArrayList<>();
        for (DnsResolver r : resolvers) {
            if (r.mdns()) {
                continue;
            }
            for (String s : r.nameservers()) {
                if (Ips.isLiteral(s) && !s.contains("%")) {
                    InetAddress a = Ips.parse(s);
                    if (!a.isLoopbackAddress()) {
                        out.add(a);
                    }
                }
            }
        }
        return Ips.distinctSorted(out);
    }

    private static void add(List<DnsResolver> out, Block b) {
        if (b != null) {
            out.add(new DnsResolver(b.scoped, b.number, b.domain, b.nameservers, b.ifName, b.flags, b.mdns));
        }
    }

    private static final class Block {
        final boolean scoped;
        final int number;
        String domain;
        final List<String> nameservers = new ArrayList<>();
        String ifName;
        List<String> flags = List.of();
        boolean mdns;

        Block(boolean scoped, int number) {
            this.scoped = scoped;
            this.number = number;
        }

        void field(String key, String value) {
            switch (key) {
                case "nameserver" -> nameservers.add(value);
                case "domain" -> domain = value;
                case "if_index" -> {
                    Matcher m = IF_NAME.matcher(value);
                    ifName = m.matches() ? m.group(1) : value;
                }
                case "flags" -> flags = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                case "options" -> mdns = value.contains("mdns");
                default -> {
                    // search domain, reach, order, timeout, port: not needed to tell where queries go.
                }
            }
        }
    }
}
