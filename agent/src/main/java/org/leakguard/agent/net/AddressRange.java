package org.leakguard.agent.net;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * An inclusive range of addresses of one family. Firewalls print the same set in several forms
 * (nft as prefixes or ranges, Windows Firewall with a dotted mask), so rules are compared as
 * ranges, never as text.
 */
public record AddressRange(boolean v6, BigInteger first, BigInteger last) {

    static final BigInteger MAX4 = BigInteger.ONE.shiftLeft(32).subtract(BigInteger.ONE);
    static final BigInteger MAX6 = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    public AddressRange {
        if (first.signum() < 0 || last.compareTo(max(v6)) > 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not a range of " + (v6 ? "IPv6" : "IPv4") + " addresses: " + first + "-" + last);
        }
    }

    /**
     * Written out: a record's generated {@code equals} is linked through method handles on first
     * use, which cost every {@code agent check} several milliseconds of start-up.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && v6 == r.v6 && first.equals(r.first) && last.equals(r.last);
    }

    @Override
    public int hashCode() {
        return (Boolean.hashCode(v6) * 31 + first.hashCode()) * 31 + last.hashCode();
    }

    public static BigInteger max(boolean v6) {
        return v6 ? MAX6 : MAX4;
    }

    public static AddressRange of(InetAddress a) {
        BigInteger n = IpLiteral.number(a);
        return new AddressRange(IpLiteral.isV6(a), n, n);
    }

    public static AddressRange whole(boolean v6) {
        return new AddressRange(v6, BigInteger.ZERO, max(v6));
    }

    public static AddressRange between(InetAddress a, InetAddress b) {
        if (IpLiteral.isV6(a) != IpLiteral.isV6(b)) {
            throw new IllegalArgumentException("a range mixes IPv4 and IPv6: " + IpLiteral.text(a) + "-" + IpLiteral.text(b));
        }
        return new AddressRange(IpLiteral.isV6(a), IpLiteral.number(a), IpLiteral.number(b));
    }

    /** The block of {@code a} with a prefix of {@code length} bits; host bits in {@code a} are ignored. */
    public static AddressRange prefix(InetAddress a, int length) {
        int bits = IpLiteral.isV6(a) ? 128 : 32;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + bits + " for " + IpLiteral.text(a));
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger base = IpLiteral.number(a).andNot(hostMask);
        return new AddressRange(IpLiteral.isV6(a), base, base.or(hostMask));
    }

    /**
     * Parses every form a firewall prints for an address: {@code 192.0.2.1}, {@code 2001:db8::1},
     * a range {@code a-b}, a prefix {@code 192.0.2.0/24} or {@code 2001:db8::/32}, and an IPv4
     * subnet by mask {@code 192.168.1.0/255.255.255.0}, as Windows Firewall prints a prefix back.
     * Keywords ({@code Any}, {@code LocalSubnet}) are not ranges: the caller handles them.
     */
    public static AddressRange parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash >= 0) {
            InetAddress base = IpLiteral.parse(t.substring(0, slash));
            String bits = t.substring(slash + 1).strip();
            return prefix(base, bits.contains(".") || bits.contains(":") ? maskLength(bits, text) : prefixLength(bits, text));
        }
        int dash = t.indexOf('-');
        if (dash < 0) {
            return of(IpLiteral.parse(t));
        }
        return between(IpLiteral.parse(t.substring(0, dash)), IpLiteral.parse(t.substring(dash + 1)));
    }

    private static int prefixLength(String bits, String text) {
        if (bits.isEmpty() || !bits.chars().allMatch(Character::isDigit) || bits.length() > 3) {
            throw new IllegalArgumentException("not a prefix length in \"" + text + "\"");
        }
        return Integer.parseInt(bits);
    }

    /** 255.255.255.0 is 24; a mask whose one bits do not run from the top is no subnet. */
    private static int maskLength(String mask, String text) {
        InetAddress m = IpLiteral.parse(mask);
        if (IpLiteral.isV6(m)) {
            throw new IllegalArgumentException("not an IPv4 mask in \"" + text + "\"");
        }
        long bits = IpLiteral.number(m).longValue();
        int length = Long.bitCount(bits);
        long contiguous = length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
        if (bits != contiguous) {
            throw new IllegalArgumentException("the mask " + mask + " in \"" + text + "\" is not contiguous, so it is no subnet");
        }
        return length;
    }

    public boolean contains(InetAddress a) {
        BigInteger n = IpLiteral.number(a);
        return IpLiteral.isV6(a) == v6 && first.compareTo(n) <= 0 && n.compareTo(last) <= 0;
    }

    /** {@code 0.0.0.0-192.0.2.52}, or the one address when first and last are the same. */
    @Override
    public String toString() {
        String a = IpLiteral.text(IpLiteral.fromNumber(first, v6));
        return first.equals(last) ? a : a + "-" + IpLiteral.text(IpLiteral.fromNumber(last, v6));
    }
}
