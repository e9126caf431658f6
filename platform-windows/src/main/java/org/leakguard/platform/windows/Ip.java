package org.leakguard.platform.windows;

import java.math.BigInteger;
import java.net.InetAddress;
import org.leakguard.agent.net.IpLiteral;

/** IP literals as Windows prints and takes them; never a name lookup. */
final class Ip {
    private Ip() {}

    static boolean isV6(InetAddress a) {
        return IpLiteral.isV6(a);
    }

    /**
     * Parses a literal as Windows prints it: a zone ({@code %16}) and ipconfig's
     * {@code (Preferred)} suffix are dropped. Throws on anything that is not an IP literal.
     */
    static InetAddress parse(String text) {
        String t = text.strip();
        int paren = t.indexOf('(');
        if (paren > 0) {
            t = t.substring(0, paren);
        }
        int zone = t.indexOf('%');
        if (zone > 0) {
            t = t.substring(0, zone);
        }
        try {
            return IpLiteral.parse(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP literal: \"" + text + "\"", e);
        }
    }

    /** The short form: {@code 2001:db8::53}, {@code 192.0.2.1}. */
    static String text(InetAddress a) {
        return IpLiteral.text(a);
    }

    static BigInteger number(InetAddress a) {
        return IpLiteral.number(a);
    }

    static InetAddress fromNumber(BigInteger n, boolean v6) {
        return IpLiteral.fromNumber(n, v6);
    }
}
