package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A per-service list networksetup reads and sets the same way: DNS servers and search domains.
 * An empty list is "Empty": no manual value, so DHCP's (or none) applies.
 */
enum ServiceSetting {
    DNS_SERVERS("-getdnsservers", "-setdnsservers", "DNS servers", "DNS Servers"),
    SEARCH_DOMAINS("-getsearchdomains", "-setsearchdomains", "search domains", "Search Domains");

    static final String EMPTY = "Empty";
    private static final Pattern DOMAIN = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\\.?");

    private final String get;
    private final String set;
    private final String noun;
    private final String printed;

    ServiceSetting(String get, String set, String noun, String printed) {
        this.get = get;
        this.set = set;
        this.noun = noun;
        this.printed = printed;
    }

    String noun() {
        return noun;
    }

    List<String> read(String service) {
        return Tools.argv(get, service, List.of());
    }

    /** The set command; every value is checked here, the last step before it becomes an argument. */
    List<String> write(String service, List<String> values) {
        values.forEach(this::checkValue);
        return Tools.argv(set, service, values.isEmpty() ? List.of(EMPTY) : values);
    }

    void checkValue(String value) {
        boolean ok = this == DNS_SERVERS ? Ips.isLiteral(value) && !value.contains("%") : DOMAIN.matcher(value).matches();
        if (!ok || value.startsWith("-") || value.equals(EMPTY)) {
            throw new IllegalArgumentException("not a valid entry for " + noun + ": \"" + value + "\"");
        }
    }

    /**
     * What the get command printed: one value a line, or "There aren't any DNS Servers set on
     * Wi-Fi." (trailing space tolerated) for none.
     */
    List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("There aren't any " + printed + " set on ")) {
                return List.of();
            }
            if (line.startsWith("** Error") || line.endsWith("is not a recognized network service.")) {
                throw new IllegalArgumentException("networksetup " + get + ": " + line);
            }
            checkValue(line);
            out.add(line);
        }
        return List.copyOf(out);
    }
}
