package org.leakguard.platform.windows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Range arithmetic for Windows Firewall. A block rule beats every allow rule there, so "block 53
 * except the pinned resolvers" has to be written as a block of everything else: the complement.
 */
final class AddressRanges {
    private AddressRanges() {}

    /** The ranges of one family, sorted, with overlapping and touching ranges joined. */
    static List<AddressRange> merged(List<AddressRange> ranges, boolean v6) {
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
    static List<AddressRange> complement(List<AddressRange> allowed, boolean v6) {
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
