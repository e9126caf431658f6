package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Merging leakguard's supersede statements into dhclient.conf. Pure functions: no I/O. */
final class DhclientConf {
    static final String DIR = "/etc/dhcp";
    static final String PATH = "/etc/dhcp/dhclient.conf";
    static final String MARKER = "# leakguard: DNS servers and search list pinned by policy";

    /** Any statement that sets the servers: the last one in the file wins in dhclient. */
    private static final Pattern SERVERS = Pattern.compile(
            "\\s*(supersede|prepend|append|default)\\s+domain-name-servers\\b.*");
    /** The same for the search list; left to the host when the policy names no search domain. */
    private static final Pattern SEARCH = Pattern.compile(
            "\\s*(supersede|prepend|append|default)\\s+domain-search\\b.*");

    private DhclientConf() {}

    /**
     * The file with its own statements for the DNS options leakguard sets removed (multi-line ones
     * included) and leakguard's appended: the servers always, the search list only when the policy
     * names one. Applying it to its own output gives the same text.
     */
    static String merge(String text, List<String> ipv4Servers, List<String> search) {
        List<String> kept = new ArrayList<>();
        boolean inStatement = false;
        for (String line : ResolvConf.lines(text)) {
            if (inStatement) {
                inStatement = !line.contains(";");
            } else if (SERVERS.matcher(line).matches() || !search.isEmpty() && SEARCH.matcher(line).matches()) {
                inStatement = !line.contains(";");
            } else if (!line.equals(MARKER)) {
                kept.add(line);
            }
        }
        return ResolvConf.withManagedBlock(kept, MARKER, statements(ipv4Servers, search));
    }

    static List<String> statements(List<String> ipv4Servers, List<String> search) {
        List<String> out = new ArrayList<>();
        if (!ipv4Servers.isEmpty()) {
            out.add("supersede domain-name-servers " + String.join(", ", ipv4Servers) + ";");
        }
        if (!search.isEmpty()) {
            List<String> quoted = search.stream().map(d -> "\"" + d + "\"").toList();
            out.add("supersede domain-search " + String.join(", ", quoted) + ";");
        }
        return out;
    }
}
