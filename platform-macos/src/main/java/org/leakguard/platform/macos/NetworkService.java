package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;

/** One line of {@code networksetup -listallnetworkservices}: a leading {@code *} marks it disabled. */
record NetworkService(String name, boolean enabled) {
    static final List<String> LIST = List.of(Tools.NETWORKSETUP, "-listallnetworkservices");
    private static final String HEADER = "An asterisk (*) denotes that a network service is disabled.";

    /** The services in listed order; the header line and blank lines are skipped. */
    static List<NetworkService> parse(String text) {
        List<NetworkService> out = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.replace("\r", "");
            if (line.isBlank() || line.strip().equals(HEADER)) {
                continue;
            }
            if (line.startsWith("** Error")) {
                throw new IllegalArgumentException("networksetup -listallnetworkservices: " + line.strip());
            }
            boolean disabled = line.startsWith("*");
            out.add(new NetworkService(disabled ? line.substring(1) : line, !disabled));
        }
        return out;
    }
}
