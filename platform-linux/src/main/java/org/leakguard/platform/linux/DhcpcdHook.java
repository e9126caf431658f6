package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * dhcpcd's enter hook: dhcpcd-run-hooks sources {@code /etc/dhcpcd.enter-hook} first on every
 * DHCP, DHCPv6 and router-advertisement event and checks {@code skip_hooks} again before each
 * system hook, so adding {@code resolv.conf} there keeps the running daemon's 20-resolv.conf hook
 * from writing resolv.conf, with no reload. The host's own lines stay. Pure functions: no I/O.
 */
final class DhcpcdHook {
    /** The conffile of Debian's dhcpcd-base: present where dhcpcd is installed. */
    static final String CONF = "/etc/dhcpcd.conf";
    static final String PATH = "/etc/dhcpcd.enter-hook";
    static final String MARKER = "# leakguard: DHCP and router advertisements do not write /etc/resolv.conf;"
            + " the resolvers are pinned by policy";
    static final String LINE = "skip_hooks=\"$skip_hooks resolv.conf\"";

    private DhcpcdHook() {}

    /** The hook with leakguard's block at the end; applying it to its own output gives the same text. */
    static String merge(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : ResolvConf.lines(text)) {
            if (!line.equals(MARKER) && !line.equals(LINE)) {
                kept.add(line);
            }
        }
        return ResolvConf.withManagedBlock(kept, MARKER, List.of(LINE));
    }
}
