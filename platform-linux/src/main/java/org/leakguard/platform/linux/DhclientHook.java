package org.leakguard.platform.linux;

/**
 * The enter hook that keeps a running dhclient from rewriting resolv.conf. dhclient reads
 * dhclient.conf only when it starts, but Debian's dhclient-script sources every file of the hook
 * folder (names of {@code [A-Za-z0-9_-]}, in {@code run-parts --list} order) on each lease event,
 * so the next renewal of the daemon already running finds {@code make_resolv_conf} empty. The
 * name sorts last, after the resolvconf and resolved hooks that define the function too.
 */
final class DhclientHook {
    static final String DIR = "/etc/dhcp/dhclient-enter-hooks.d";
    static final String PATH = DIR + "/zz-leakguard";
    static final String TEXT = "# Managed by leakguard: the resolvers in /etc/resolv.conf are pinned by policy."
            + " Delete this file to undo.\n"
            + "# dhclient-script sources this on every lease event: DHCP and DHCPv6 no longer write resolv.conf.\n"
            + "make_resolv_conf() { :; }\n";

    private DhclientHook() {}
}
