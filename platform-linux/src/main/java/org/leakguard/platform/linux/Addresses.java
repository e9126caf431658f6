package org.leakguard.platform.linux;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.Address;

/** IP address text and order, without ever looking a name up. */
final class Addresses {

    /** IPv4 before IPv6, then by numeric value: the order every generated file uses. */
    static final Comparator<InetAddress> ORDER = Comparator
            .comparing((InetAddress a) -> a instanceof Inet6Address)
            .thenComparing(Addresses::value);

    private Addresses() {}

    /** Canonical text: dotted quad, or RFC 5952 compressed IPv6 without a scope. */
    static String text(InetAddress a) {
        return a instanceof Inet4Address ? a.getHostAddress() : ipv6(a.getAddress());
    }

    /** As {@link #text} but keeps an IPv6 scope ({@code fe80::1%eth0}), which resolv.conf accepts. */
    static String withScope(InetAddress a) {
        if (a instanceof Inet6Address v6 && v6.getScopedInterface() != null) {
            return text(a) + "%" + v6.getScopedInterface().getName();
        }
        if (a instanceof Inet6Address v6 && v6.getScopeId() != 0) {
            return text(a) + "%" + v6.getScopeId();
        }
        return text(a);
    }

    static BigInteger value(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    /** Sorted by {@link #ORDER}, duplicates (same address, any scope) dropped. */
    static List<InetAddress> distinctSorted(List<InetAddress> in) {
        return in.stream()
                .map(Addresses::unscoped)
                .distinct()
                .sorted(ORDER)
                .toList();
    }

    /** Parses an IP literal; anything else is rejected before {@link InetAddress} could resolve it. */
    static InetAddress parseLiteral(String text) {
        // dnsjava parses the text and never looks a name up, as the policy loader does.
        try {
            return Address.getByAddress(text.strip());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }

    private static InetAddress unscoped(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static String ipv6(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int[] run = longestZeroRun(groups);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == run[0]) {
                s.append(i == 0 ? "::" : ":");
                i += run[1] - 1;
                continue;
            }
            s.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }

    /** {start, length} of the first longest run of two or more zero groups; start -1 when none. */
    private static int[] longestZeroRun(int[] groups) {
        int[] best = {-1, 1};
        for (int i = 0; i < groups.length; ) {
            int j = i;
            while (j < groups.length && groups[j] == 0) {
                j++;
            }
            if (j - i > best[1]) {
                best = new int[] {i, j - i};
            }
            i = j == i ? i + 1 : j;
        }
        return best;
    }
}
