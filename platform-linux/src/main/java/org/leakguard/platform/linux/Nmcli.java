package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The nmcli commands leakguard runs and the parsing of their terse ({@code -t}) output. Terse
 * output is not translated, whatever the locale. Pure functions: no I/O.
 */
final class Nmcli {
    static final List<String> RUNNING = List.of("nmcli", "-t", "-f", "RUNNING", "general");
    static final List<String> ACTIVE = List.of("nmcli", "-t", "-f", "NAME,UUID,TYPE,DEVICE", "connection", "show", "--active");
    static final String DNS_FIELDS = "ipv4.method,ipv4.dns,ipv4.ignore-auto-dns,ipv4.dns-search,"
            + "ipv6.method,ipv6.dns,ipv6.ignore-auto-dns,ipv6.dns-search";

    private static final Pattern UUID = Pattern.compile("[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}");
    private static final Pattern DEVICE = Pattern.compile("[^\\s/:]{1,15}");

    private Nmcli() {}

    /** The DNS settings of one profile; {@code uuid} keeps a profile named like a UUID from matching. */
    static List<String> show(String uuid) {
        return List.of("nmcli", "-t", "-f", DNS_FIELDS, "connection", "show", "uuid", uuid);
    }

    static boolean isUuid(String s) {
        return UUID.matcher(s).matches();
    }

    static boolean isDevice(String s) {
        return DEVICE.matcher(s).matches();
    }

    /** {@code nmcli -t -f RUNNING general} prints {@code running} while the daemon runs. */
    static boolean parseRunning(String stdout) {
        return stdout.strip().equals("running");
    }

    /** Rows of {@code nmcli -t -f NAME,UUID,TYPE,DEVICE connection show --active}: {name, uuid, type, device}. */
    static List<List<String>> parseActive(String stdout) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : ResolvConf.lines(stdout)) {
            List<String> fields = splitTerse(line);
            if (fields.size() == 4) {
                rows.add(fields);
            }
        }
        return rows;
    }

    /**
     * One line of terse tabular output split at its field separators: {@code :} separates, and
     * {@code \:} and {@code \\} are a literal colon and backslash inside a field.
     */
    static List<String> splitTerse(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * Terse multiline output ({@code nmcli -t connection show ID}): {@code property:value} per
     * line. Values are not escaped in this mode (an IPv6 address keeps its colons), so the
     * property ends at the first colon.
     */
    static Map<String, String> parseProperties(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : ResolvConf.lines(stdout)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1));
            }
        }
        return out;
    }

    /** One family's settings from {@link #parseProperties}; null when nmcli did not print them. */
    static NmcliDns family(Map<String, String> properties, String family) {
        String method = properties.get(family + ".method");
        String ignore = properties.get(family + ".ignore-auto-dns");
        if (method == null || ignore == null) {
            return null;
        }
        return new NmcliDns(method, properties.getOrDefault(family + ".dns", "").strip(), ignore.strip(),
                properties.getOrDefault(family + ".dns-search", "").strip());
    }

    /** A list value: nmcli joins entries with commas (older releases also with spaces). */
    static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,\\s]+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
