package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An interface's static DNS servers as the TCP/IP stack stores them: the {@code NameServer}
 * value under {@code Tcpip\Parameters\Interfaces\{GUID}} (IPv6: {@code Tcpip6}). Empty means the
 * servers come from DHCP (or router advertisements).
 */
final class NameServers {
    static final String VALUE = "NameServer";

    private NameServers() {}

    static String v4Key(String guid) {
        return Keys.TCPIP_INTERFACES + "\\" + guid;
    }

    static String v6Key(String guid) {
        return Keys.TCPIP6_INTERFACES + "\\" + guid;
    }

    /** Windows 10 and later separate servers with commas, older versions with spaces; both are read. */
    static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split("[,\\s]+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    static List<String> read(Registry r, String key) throws IOException {
        return r.value(key, VALUE).map(v -> v.type() == RegType.MULTI_SZ ? String.join(",", v.text()) : v.string())
                .map(NameServers::parse).orElse(List.of());
    }
}
