package org.leakguard.platform.linux;

import java.util.List;
import java.util.Set;

/**
 * One address family's DNS settings of a connection, as {@code nmcli -t} prints them.
 *
 * @param method {@code auto}, {@code dhcp}, {@code manual}, {@code disabled}, ...
 * @param dns the {@code ipvN.dns} value as printed (comma-separated), empty when none
 * @param ignoreAutoDns the {@code ipvN.ignore-auto-dns} value, {@code yes} or {@code no}
 * @param search the {@code ipvN.dns-search} value as printed (comma-separated), empty when none
 */
record NmcliDns(String method, String dns, String ignoreAutoDns, String search) {
    /** Methods that take DNS servers from the network (DHCP, router advertisements). */
    private static final Set<String> AUTOMATIC = Set.of("auto", "dhcp");

    NmcliDns(String method, String dns, String ignoreAutoDns) {
        this(method, dns, ignoreAutoDns, "");
    }

    boolean automatic() {
        return AUTOMATIC.contains(method);
    }

    List<String> servers() {
        return Nmcli.splitList(dns);
    }
}
