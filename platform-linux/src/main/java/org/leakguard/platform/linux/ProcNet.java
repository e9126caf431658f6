package org.leakguard.platform.linux;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses /proc/net/{udp,udp6,tcp,tcp6}: addresses are hex in the kernel's byte order, IPv4 as one
 * little-endian word, IPv6 as four (on the little-endian machines Linux runs on here). Pure.
 */
final class ProcNet {
    static final List<String> FILES = List.of("tcp", "tcp6", "udp", "udp6");

    private ProcNet() {}

    static List<ProcSocket> parse(String proto, String text) {
        List<ProcSocket> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 10 || !f[0].endsWith(":")) {
                continue;
            }
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            out.add(new ProcSocket(proto, address(local[0]), port(local[1]), address(remote[0]), port(remote[1]),
                    Integer.parseInt(f[3], 16), Long.parseLong(f[9])));
        }
        return out;
    }

    private static int port(String hex) {
        return Integer.parseInt(hex, 16);
    }

    static String address(String hex) {
        byte[] raw = HexFormat.of().parseHex(hex);
        byte[] bytes = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                bytes[word + i] = raw[word + 3 - i];
            }
        }
        try {
            return Addresses.text(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address of 4 or 16 bytes: " + hex, e);
        }
    }

    /** The inode of an fd link's target {@code socket:[35987]}, or -1 for anything else. */
    static long socketInode(String linkTarget) {
        if (linkTarget.startsWith("socket:[") && linkTarget.endsWith("]")) {
            return Long.parseLong(linkTarget.substring(8, linkTarget.length() - 1));
        }
        return -1;
    }
}
