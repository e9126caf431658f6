package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for the IPv6 part of diagnose: /proc/net/if_inet6 and DHCPv6/RA server lists. Pure. */
final class Ipv6DiagParse {
    private static final Pattern DHCP6 = Pattern.compile("option\\s+dhcp6\\.name-servers\\s+([^;]+);");
    private static final Pattern KEY_DNS = Pattern.compile("^(?:DNS|IPV6_DNS\\d*|NAMESERVERS)=(.*)$", Pattern.MULTILINE);

    private Ipv6DiagParse() {}

    /** One address of /proc/net/if_inet6: scope 0x00 is global, 0x20 link, 0x10 host, 0x40 site. */
    record Inet6(String address, int prefix, int scope, String device) {
        boolean global() {
            return scope == 0;
        }
    }

    /** Lines of {@code <32 hex> <ifindex> <prefix> <scope> <flags> <name>}, all hex but the name. */
    static List<Inet6> ifInet6(String text) {
        List<Inet6> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 6 && f[0].length() == 32) {
                String addr = Addresses.text(Addresses.parseLiteral(f[0].replaceAll("(.{4})(?!$)", "$1:")));
                out.add(new Inet6(addr, Integer.parseInt(f[2], 16), Integer.parseInt(f[3], 16), f[5]));
            }
        }
        return out;
    }

    /**
     * IPv6 resolvers named in a lease or link state file: dhclient's {@code option
     * dhcp6.name-servers a, b;} and the {@code DNS=} lines of systemd-networkd's and
     * NetworkManager's state files.
     */
    static List<String> leaseServers(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = DHCP6.matcher(text);
        while (m.find()) {
            addV6(out, m.group(1).split("[,\\s]+"));
        }
        Matcher k = KEY_DNS.matcher(text);
        while (k.find()) {
            addV6(out, k.group(1).replace(";", " ").split("[,\\s]+"));
        }
        return out;
    }

    private static void addV6(List<String> out, String[] words) {
        for (String w : words) {
            String s = w.strip();
            if (s.contains(":") && !out.contains(s)) {
                out.add(s);
            }
        }
    }
}
