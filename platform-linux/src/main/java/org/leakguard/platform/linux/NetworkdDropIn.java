package org.leakguard.platform.linux;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * leakguard's drop-in for a .network file: DHCPv4, DHCPv6 and router advertisements supply no
 * DNS servers. A drop-in in /etc applies whichever folder holds the .network file, and beats it.
 * Pure functions: no I/O.
 */
final class NetworkdDropIn {
    static final String ETC = "/etc/systemd/network";
    static final String NAME = "90-leakguard.conf";
    static final String MARKER = "# Managed by leakguard: DHCP and router advertisements supply no DNS servers;"
            + " the resolvers are pinned by policy. Delete this file to undo.";
    /** The first systemd whose networkd knows {@code UseDNR=} (DHCP and RA options for encrypted DNS, RFC 9463). */
    static final int USE_DNR_SINCE = 257;

    private static final Pattern VERSION = Pattern.compile("\\Asystemd (\\d+)\\b");
    private static final String[] SECTIONS = {"DHCPv4", "DHCPv6", "IPv6AcceptRA"};

    private NetworkdDropIn() {}

    static String path(String networkFile) {
        return ETC + "/" + networkFile + ".d/" + NAME;
    }

    /**
     * {@code UseDNS=no} in each section; {@code UseDNR=no} too where networkd knows the key. An
     * older one would only log it as unknown, and an unset UseDNR= follows UseDNS= anyway.
     */
    static String render(int version) {
        StringBuilder out = new StringBuilder(MARKER).append('\n');
        for (String section : SECTIONS) {
            out.append('[').append(section).append("]\nUseDNS=no\n");
            if (version >= USE_DNR_SINCE) {
                out.append("UseDNR=no\n");
            }
        }
        return out.toString();
    }

    /** {@code systemd 252 (252.38-1~deb12u1)} on the first line of {@code networkctl --version}; 0 when not. */
    static int parseVersion(String stdout) {
        Matcher m = VERSION.matcher(stdout.strip());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
