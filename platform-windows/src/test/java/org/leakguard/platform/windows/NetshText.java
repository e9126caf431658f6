package org.leakguard.platform.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an English {@code netsh dns show encryption} capture, to seed the fake's DoH list with what
 * a real host held. Test-only: the product never reads netsh text, which Windows localizes.
 */
final class NetshText {
    private static final String HEADER = "Encryption settings for ";

    private NetshText() {}

    static List<DohEntry> parse(String text) {
        List<DohEntry> out = new ArrayList<>();
        String server = null;
        String template = "";
        boolean upgrade = false;
        boolean fallback = false;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            if (line.startsWith(HEADER)) {
                if (server != null) {
                    out.add(new DohEntry(server, template, upgrade, fallback));
                }
                server = Ip.text(Ip.parse(line.substring(HEADER.length())));
                template = "";
                upgrade = false;
                fallback = false;
                continue;
            }
            int colon = line.indexOf(':');
            if (server == null || colon < 0) {
                continue;
            }
            String label = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            if (label.startsWith("dns-over-https template")) {
                template = value;
            } else if (label.equals("auto-upgrade")) {
                upgrade = value.equalsIgnoreCase("yes");
            } else if (label.equals("udp-fallback")) {
                fallback = value.equalsIgnoreCase("yes");
            }
        }
        if (server != null) {
            out.add(new DohEntry(server, template, upgrade, fallback));
        }
        return out;
    }
}
