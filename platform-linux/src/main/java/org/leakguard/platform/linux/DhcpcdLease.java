package org.leakguard.platform.linux;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a lease file of dhcpcd says: it stores the server's reply as received, the DHCPv4 message
 * in {@code IFACE[-SSID].lease} and the DHCPv6 Reply in {@code .lease6}, and takes the file's
 * mtime as when the lease was given. The resolvers are option 6 (DHCPv4) or 23 (DHCPv6); the
 * lifetime is option 51 (infinite without it, as dhcpcd takes a BOOTP reply), or the longest valid
 * lifetime of the DHCPv6 addresses and prefixes. A stateless DHCPv6 reply, which dhcpcd keeps with
 * no expiry, holds here for its information-refresh time, raised to {@link #REFRESH_MINIMUM} as
 * dhcpcd raises it: dhcpcd asks again and rewrites the file that often while it is on that network.
 * Anything malformed or truncated, a short option 51 too, reads as no lease. Pure.
 */
record DhcpcdLease(List<String> servers, long lifetime) {
    /** Option 51's and DHCPv6's "infinity". */
    static final long INFINITE = 0xffffffffL;
    /** RFC 8415's IRT_DEFAULT: a stateless DHCPv6 client asks again this often, rewriting the file. */
    static final long REFRESH_DEFAULT = 86400;
    /** RFC 8415's IRT_MINIMUM: dhcpcd raises a shorter information-refresh time to this. */
    static final long REFRESH_MINIMUM = 600;
    private static final int COOKIE_AT = 236;
    private static final int COOKIE = 0x63825363;

    DhcpcdLease {
        servers = List.copyOf(servers);
    }

    /**
     * Whether a lease written at {@code written} still held at {@code now}: dhcpcd's own test when
     * it reads the file back (the lease is discarded once its lifetime is less than its age).
     */
    boolean currentAt(Instant written, Instant now) {
        return lifetime == INFINITE || now.getEpochSecond() - written.getEpochSecond() <= lifetime;
    }

    /** A DHCPv4 message: options after the magic cookie, then those overloaded into file and sname. */
    static Optional<DhcpcdLease> v4(byte[] message) {
        if (message.length < COOKIE_AT + 4 || ByteBuffer.wrap(message, COOKIE_AT, 4).getInt() != COOKIE) {
            return Optional.empty();
        }
        Map<Integer, ByteArrayOutputStream> options = new LinkedHashMap<>();
        if (!options4(message, COOKIE_AT + 4, message.length, options)) {
            return Optional.empty();
        }
        byte[] overload = bytes(options, 52);
        int areas = overload.length == 1 ? overload[0] : 0;
        // RFC 3396: a split option continues in file (bit 1) and then in sname (bit 2).
        if ((areas & 1) != 0 && !options4(message, 108, 236, options)
                || (areas & 2) != 0 && !options4(message, 44, 108, options)) {
            return Optional.empty();
        }
        byte[] time = bytes(options, 51);
        if (time.length != 0 && time.length != 4) {
            return Optional.empty();
        }
        long lifetime = time.length == 0 ? INFINITE : unsigned(time, 0);
        return addresses(bytes(options, 6), 4).map(s -> new DhcpcdLease(s, lifetime));
    }

    /** A DHCPv6 Reply: type, transaction id, then options of a 2-byte code and a 2-byte length. */
    static Optional<DhcpcdLease> v6(byte[] message) {
        if (message.length < 4 || message[0] != 7) {
            return Optional.empty();
        }
        Map<Integer, List<byte[]>> options = options6(message, 4, message.length);
        if (options == null) {
            return Optional.empty();
        }
        boolean stateful = false;
        long valid = 0;
        for (int ia : List.of(3, 4, 25)) {
            for (byte[] body : options.getOrDefault(ia, List.of())) {
                long longest = iaLifetime(body, ia == 4 ? 4 : 12);
                if (longest < 0) {
                    return Optional.empty();
                }
                stateful = true;
                valid = Math.max(valid, longest);
            }
        }
        if (stateful && valid == 0) {
            return Optional.empty(); // no address or prefix left valid
        }
        if (!stateful) {
            List<byte[]> refresh = options.getOrDefault(32, List.of());
            valid = refresh.size() == 1 && refresh.get(0).length == 4 ? Math.max(unsigned(refresh.get(0), 0), REFRESH_MINIMUM)
                    : REFRESH_DEFAULT;
        }
        ByteArrayOutputStream dns = new ByteArrayOutputStream();
        options.getOrDefault(23, List.of()).forEach(dns::writeBytes);
        long lifetime = valid;
        return addresses(dns.toByteArray(), 16).map(s -> new DhcpcdLease(s, lifetime));
    }

    /** Adds each option of an area to {@code out}, a repeated one concatenated; false if it is truncated. */
    private static boolean options4(byte[] m, int from, int to, Map<Integer, ByteArrayOutputStream> out) {
        int at = from;
        while (at < to) {
            int code = m[at++] & 0xff;
            if (code == 0) {
                continue;
            }
            if (code == 255) {
                return true;
            }
            if (at >= to || at + 1 + (m[at] & 0xff) > to) {
                return false;
            }
            int length = m[at++] & 0xff;
            if (code != 52 || !out.containsKey(52)) {
                out.computeIfAbsent(code, k -> new ByteArrayOutputStream()).write(m, at, length);
            }
            at += length;
        }
        return true;
    }

    /** Each option's bodies by code, in order; null if one runs past the end. */
    private static Map<Integer, List<byte[]>> options6(byte[] m, int from, int to) {
        Map<Integer, List<byte[]>> out = new LinkedHashMap<>();
        int at = from;
        while (at < to) {
            if (at + 4 > to) {
                return null;
            }
            int code = (m[at] & 0xff) << 8 | m[at + 1] & 0xff;
            int length = (m[at + 2] & 0xff) << 8 | m[at + 3] & 0xff;
            at += 4;
            if (at + length > to) {
                return null;
            }
            out.computeIfAbsent(code, k -> new ArrayList<>()).add(java.util.Arrays.copyOfRange(m, at, at + length));
            at += length;
        }
        return out;
    }

    /**
     * The longest valid lifetime of an IA's addresses (option 5) and prefixes (option 26), whose
     * options start at {@code header}; 0 if it holds none, -1 if it is malformed.
     */
    private static long iaLifetime(byte[] ia, int header) {
        Map<Integer, List<byte[]>> inner = ia.length < header ? null : options6(ia, header, ia.length);
        if (inner == null) {
            return -1;
        }
        long longest = 0;
        for (byte[] a : inner.getOrDefault(5, List.of())) {
            if (a.length < 24) {
                return -1;
            }
            longest = Math.max(longest, unsigned(a, 20));
        }
        for (byte[] p : inner.getOrDefault(26, List.of())) {
            if (p.length < 25) {
                return -1;
            }
            longest = Math.max(longest, unsigned(p, 4));
        }
        return longest;
    }

    /** The addresses of a list option, unspecified and unscoped link-local ones left out; empty if its length is wrong. */
    private static Optional<List<String>> addresses(byte[] list, int size) {
        if (list.length % size != 0) {
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (int at = 0; at < list.length; at += size) {
            InetAddress a;
            try {
                a = InetAddress.getByAddress(java.util.Arrays.copyOfRange(list, at, at + size));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
            }
            // A link-local server means nothing without the link it was on, which the option does not say.
            boolean usable = !a.isAnyLocalAddress() && !a.isMulticastAddress() && !(a instanceof Inet6Address && a.isLinkLocalAddress());
            if (usable && !out.contains(Addresses.text(a))) {
                out.add(Addresses.text(a));
            }
        }
        return Optional.of(out);
    }

    private static byte[] bytes(Map<Integer, ByteArrayOutputStream> options, int code) {
        ByteArrayOutputStream b = options.get(code);
        return b == null ? new byte[0] : b.toByteArray();
    }

    private static long unsigned(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).getInt() & 0xffffffffL;
    }
}
