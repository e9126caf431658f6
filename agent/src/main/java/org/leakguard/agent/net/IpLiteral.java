package org.leakguard.agent.net;

import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.xbill.DNS.Address;

/** IP literals: parsed without any name lookup, printed in the short form, and as numbers. */
public final class IpLiteral {
    private IpLiteral() {}

    public static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }

    /** Parses an IPv4 or IPv6 literal (no zone); anything else, a name included, is an error. */
    public static InetAddress parse(String text) {
        String t = text.strip();
        boolean v6 = t.contains(":");
        byte[] bytes = Address.toByteArray(t, v6 ? Address.IPv6 : Address.IPv4);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP literal: \"" + text + "\"");
        }
        return fromNumber(new BigInteger(1, bytes), v6);
    }

    /** The short form: {@code 2001:db8::53} (RFC 5952), {@code 192.0.2.1}. */
    public static String text(InetAddress a) {
        if (!isV6(a)) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && words[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                s.append(i == 0 ? "::" : ":");
                i += bestLen - 1;
                continue;
            }
            s.append(Integer.toHexString(words[i]));
            if (i < 7) {
                s.append(':');
            }
        }
        return s.toString();
    }

    public static BigInteger number(InetAddress a) {
        return new BigInteger(1, a.getAddress());
    }

    public static InetAddress fromNumber(BigInteger n, boolean v6) {
        int size = v6 ? 16 : 4;
        byte[] raw = n.toByteArray();
        byte[] out = new byte[size];
        int copy = Math.min(raw.length, size);
        System.arraycopy(raw, raw.length - copy, out, size - copy, copy);
        try {
            // Inet6Address directly: InetAddress would turn ::ffff:a.b.c.d into an IPv4 address.
            return v6 ? Inet6Address.getByAddress(null, out, -1) : InetAddress.getByAddress(out);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a " + size + "-byte address is always valid: " + Arrays.toString(out), e);
        }
    }
}
