package org.leakguard.platform.linux;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An inclusive range of addresses of one family. nft prints an interval set's elements as single
 * addresses, prefixes or ranges depending on how they were added and merged, so sets are compared
 * as normalized ranges, never as text.
 */
record AddressRange(boolean v6, BigInteger first, BigInteger last) {

    AddressRange {
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range runs backwards: " + first + "-" + last);
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

    static AddressRange of(InetAddress a) {
        return new AddressRange(Addresses.isV6(a), Addresses.value(a), Addresses.value(a));
    }

    static AddressRange between(InetAddress a, InetAddress b) {
        if (Addresses.isV6(a) != Addresses.isV6(b)) {
            throw new IllegalArgumentException("range mixes families: " + a + "-" + b);
        }
        return new AddressRange(Addresses.isV6(a), Addresses.value(a), Addresses.value(b));
    }

    static AddressRange prefix(InetAddress a, int length) {
        int bits = Addresses.isV6(a) ? 128 : 32;
        if (length < 0 || length > bits) {
            throw new IllegalArgumentException("prefix length " + length + " out of 0.." + bits);
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger base = Addresses.value(a).andNot(hostMask);
        return new AddressRange(Addresses.isV6(a), base, base.or(hostMask));
    }

    /** Sorted, with overlapping and adjacent ranges merged: equal sets give equal lists. */
    static List<AddressRange> normalize(List<AddressRange> ranges) {
        List<AddressRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(AddressRange::v6).thenComparing(AddressRange::first));
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted) {
            AddressRange prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.v6 == r.v6 && prev.last.add(BigInteger.ONE).compareTo(r.first) >= 0) {
                out.set(out.size() - 1, new AddressRange(r.v6, prev.first, prev.last.max(r.last)));
            } else {
                out.add(r);
            }
        }
        return List.copyOf(out);
    }

    static List<AddressRange> of(List<InetAddress> addresses) {
        return normalize(addresses.stream().map(AddressRange::of).toList());
    }
}
