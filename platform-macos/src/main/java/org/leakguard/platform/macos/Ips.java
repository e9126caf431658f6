package org.leakguard.platform.macos;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xbill.DNS.Address;

/** IP literals in and out of macOS tools' text. No name is ever looked up. */
final class Ips {
    private static final Pattern ZERO_RUN = Pattern.compile(":0(?::0)+(?=:)");

    /** IPv4 first, then by bytes: the order of generated tables. */
    static final Comparator<InetAddress> ORDER = Comparator.comparing((InetAddress a) -> a instanceof Inet6Address)
            .thenComparing(a -> new java.math.BigInteger(1, a.getAddress()));

    private Ips() {}

    /** The literal, without a {@code %scope}; anything that is not a literal is refused. */
    static InetAddress parse(String text) {
        String s = text.strip();
        int scope = s.indexOf('%');
        if (scope >= 0) {
            s = s.substring(0, scope);
        }
        byte[] bytes = Address.toByteArray(s, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(s, Address.IPv6);
        }
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP literal: \"" + text + "\"");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: \"" + text + "\"", e);
        }
    }

    static boolean isLiteral(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Dotted quad, or IPv6 compressed as RFC 5952 asks (the first longest zero run becomes ::). */
    static String text(InetAddress a) {
        if (a instanceof Inet4Address) {
            return a.getHostAddress();
        }
        byte[] b = a.getAddress();
        StringJoiner groups = new StringJoiner(":", ":", ":");
        for (int i = 0; i < 16; i += 2) {
            groups.add(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff)));
        }
        String padded = groups.toString();
        Matcher m = ZERO_RUN.matcher(padded);
        int at = -1;
        int length = 0;
        while (m.find()) {
            if (m.group().length() > length) {
                at = m.start();
                length = m.group().length();
            }
        }
        String s = at < 0 ? padded : padded.substring(0, at) + ":" + padded.substring(at + length);
        s = s.startsWith("::") ? s : s.substring(1);
        return s.endsWith("::") ? s : s.substring(0, s.length() - 1);
    }

    static List<String> texts(List<InetAddress> addresses) {
        return addresses.stream().map(Ips::text).toList();
    }

    /** Sorted, each address once. */
    static List<InetAddress> distinctSorted(List<InetAddress> addresses) {
        return addresses.stream().distinct().sorted(ORDER).toList();
    }
}
