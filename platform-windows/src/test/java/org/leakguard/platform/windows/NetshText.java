package org.leakguard.platform.windows;

import java.util.List;

/** Renders a DoH list the way {@code netsh dnsclient show encryption} prints it (see the fixture). */
final class NetshText {
    private NetshText() {}

    static String render(List<DohEntry> entries) {
        StringBuilder s = new StringBuilder("\r\n");
        for (DohEntry e : entries) {
            s.append("Encryption settings for ").append(e.server()).append("\r\n")
                    .append("-".repeat(70)).append("\r\n")
                    .append("DNS-over-HTTPS template     : ").append(e.template()).append("\r\n")
                    .append("Auto-upgrade                : ").append(e.autoUpgrade() ? "yes" : "no").append("\r\n")
                    .append("UDP-fallback                : ").append(e.udpFallback() ? "yes" : "no").append("\r\n\r\n");
        }
        return s.toString();
    }
}
