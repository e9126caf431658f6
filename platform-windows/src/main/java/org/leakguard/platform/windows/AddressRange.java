package org.leakguard.platform.windows;

import java.math.BigInteger;
import java.net.InetAddress;

/** An inclusive range of addresses of one family, as Windows Firewall takes it ({@code a-b}). */
record AddressRange(boolean v6, BigInteger first, BigInteger last) {

    static final BigInteger MAX4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    static final BigInteger MAX6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    AddressRange {
        if (first.signum() < 0 || last.compareTo(max(v6)) > 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not a range: " + first + "-" + last);
        }
    }

    static BigInteger max(boolean v6) {
        return v6 ? MAX6 : MAX4;
    }

    static AddressRange of(InetAddress a) {
        BigInteger n = Ip.number(a);
        return new AddressRange(Ip.isV6(a), n, n);
    }

    static AddressRange whole(boolean v6) {
        return new AddressRange(v6, BigInteger.ZERO, max(v6));
    }

    /** A CIDR block such as {@code 127.0.0.0/8}. */
    static AddressRange cidr(String text) {
        int slash = text.indexOf('/');
        InetAddress base = Ip.parse(text.substring(0, slash));
        boolean v6 = Ip.isV6(base);
        int bits = v6 ? 128 : 32;
        int prefix = Integer.parseInt(text.substring(slash + 1));
        BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
        BigInteger first = Ip.number(base).divide(size).multiply(size);
        return new AddressRange(v6, first, first.add(size).subtract(BigInteger.ONE));
    }

    /**
     * Parses what Windows Firewall prints in {@code RemoteAddress}: an address, {@code a-b} or a
     * CIDR block. Keywords ({@code Any}, {@code LocalSubnet}) are not ranges: the caller handles them.
     */
    static AddressRange parse(String text) {
        String t = text.strip();
        if (t.contains("/")) {
            return cidr(t);
        }
        int dash = t.indexOf('-');
        if (dash < 0) {
            return of(Ip.parse(t));
        }
        InetAddress a = Ip.parse(t.substring(0, dash));
        InetAddress b = Ip.parse(t.substring(dash + 1));
        if (Ip.isV6(a) != Ip.isV6(b)) {
            throw new IllegalArgumentException("a range mixes IPv4 and IPv6: " + text);
        }
        return new AddressRange(Ip.isV6(a), Ip.number(a), Ip.number(b));
    }

    boolean contains(InetAddress a) {
        BigInteger n = Ip.number(a);
        return Ip.isV6(a) == v6 && first.compareTo(n) <= 0 && n.compareTo(last) <= 0;
    }

    /** {@code 0.0.0.0-192.0.2.52}, or the one address when first and last are the same. */
    @Override
    public String toString() {
        String a = Ip.text(Ip.fromNumber(first, v6));
        return first.equals(last) ? a : a + "-" + Ip.text(Ip.fromNumber(last, v6));
    }
}
