package org.leakguard.agent.net;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Range arithmetic. Equal sets of addresses give equal normalized lists, however they were
 * written; the complement is how "block all but these" is said where block beats allow.
 */
public final class AddressRanges {
    private AddressRanges() {}

    /** IPv4 then IPv6, each sorted, overlapping and touching ranges joined. */
    public static List<AddressRange> normalize(List<AddressRange> ranges) {
        List<AddressRange> out = new ArrayList<>(merged(ranges, false));
        out.addAll(merged(ranges, true));
        return List.copyOf(out);
    }

    public static List<AddressRange> of(List<InetAddress> addresses) {
        return normalize(addresses.stream().map(AddressRange::of).toList());
    }

    /** The ranges of one family, sorted, with overlapping and touching ranges joined. */
    public static List<AddressRange> merged(List<AddressRange> ranges, boolean v6) {
        List<AddressRange> sorted = ranges.stream().filter(r -> r.v6() == v6)
                .sorted(Comparator.comparing(AddressRange::first)).toList();
        List<AddressRange> out = new ArrayList<>();
        for (AddressRange r : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).last().add(BigInteger.ONE).compareTo(r.first()) >= 0) {
                AddressRange prev = out.remove(out.size() - 1);
                out.add(new AddressRange(v6, prev.first(), prev.last().max(r.last())));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Every address of the family that no allowed range holds, as few ranges as possible. */
    public static List<AddressRange> complement(List<AddressRange> allowed, boolean v6) {
        List<AddressRange> out = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (AddressRange r : merged(allowed, v6)) {
            if (next.compareTo(r.first()) < 0) {
                out.add(new AddressRange(v6, next, r.first().subtract(BigInteger.ONE)));
            }
            next = r.last().add(BigInteger.ONE);
        }
        if (next.compareTo(AddressRange.max(v6)) <= 0) {
            out.add(new AddressRange(v6, next, AddressRange.max(v6)));
        }
        return out;
    }
}
