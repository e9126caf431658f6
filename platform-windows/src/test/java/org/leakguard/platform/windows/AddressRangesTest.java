package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;

/**
 * The complement Windows Firewall's block rules carry: for any allowed set, blocked and allowed
 * are disjoint and together cover the whole family, and no allowed address is blocked.
 */
class AddressRangesTest {

    @Provide
    Arbitrary<InetAddress> v4() {
        return Arbitraries.bytes().array(byte[].class).ofSize(4).map(AddressRangesTest::address);
    }

    /** IPv6 with many values near the ends and near each other, where off-by-one mistakes live. */
    @Provide
    Arbitrary<InetAddress> v6() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofSize(16);
        Arbitrary<byte[]> edges = Arbitraries.of(0, 1, 2, 254, 255).map(last -> {
            byte[] b = new byte[16];
            if (last >= 254) {
                java.util.Arrays.fill(b, (byte) 0xFF);
            }
            b[15] = (byte) (int) last;
            return b;
        });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, random), net.jqwik.api.Tuple.of(1, edges))
                .map(b -> Ip.fromNumber(new BigInteger(1, b), true));
    }

    private static InetAddress address(byte[] b) {
        return Ip.fromNumber(new BigInteger(1, b), b.length == 16);
    }

    @Property(tries = 300)
    void v4ComplementIsExact(@ForAll("addresses4") List<InetAddress> allowed) {
        holds(allowed, false);
    }

    @Property(tries = 300)
    void v6ComplementIsExact(@ForAll("addresses6") List<InetAddress> allowed) {
        holds(allowed, true);
    }

    @Provide
    Arbitrary<List<InetAddress>> addresses4() {
        return Arbitraries.oneOf(v4(), v4().map(a -> neighbour(a, 1))).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<InetAddress>> addresses6() {
        return v6().list().ofMaxSize(12);
    }

    private static InetAddress neighbour(InetAddress a, int d) {
        BigInteger n = Ip.number(a).add(BigInteger.valueOf(d)).min(AddressRange.max(false));
        return Ip.fromNumber(n, false);
    }

    private static void holds(List<InetAddress> allowed, boolean v6) {
        List<AddressRange> allowedRanges = allowed.stream().map(AddressRange::of).toList();
        List<AddressRange> blocked = AddressRanges.complement(allowedRanges, v6);
        for (InetAddress a : allowed) {
            assertThat(blocked).as("%s is allowed", a).noneMatch(r -> r.contains(a));
        }
        List<AddressRange> both = new ArrayList<>(blocked);
        both.addAll(allowedRanges);
        assertThat(AddressRanges.merged(both, v6)).as("blocked and allowed cover the family").containsExactly(AddressRange.whole(v6));
        BigInteger blockedSize = size(blocked);
        BigInteger allowedSize = size(AddressRanges.merged(allowedRanges, v6));
        assertThat(blockedSize.add(allowedSize)).as("disjoint: sizes add up to the whole family")
                .isEqualTo(AddressRange.max(v6).add(BigInteger.ONE));
        for (int i = 1; i < blocked.size(); i++) {
            assertThat(blocked.get(i - 1).last().add(BigInteger.ONE)).as("no two block ranges touch").isLessThan(blocked.get(i).first());
        }
    }

    private static BigInteger size(List<AddressRange> ranges) {
        return ranges.stream().map(r -> r.last().subtract(r.first()).add(BigInteger.ONE)).reduce(BigInteger.ZERO, BigInteger::add);
    }

    @Property(tries = 200)
    void everyRangePrintsAsWindowsReadsItBack(@ForAll("v6") InetAddress a, @ForAll @IntRange(min = 0, max = 128) int prefix) {
        AddressRange r = AddressRange.parse(Ip.text(a) + "/" + prefix);
        assertThat(AddressRange.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void noAllowedAddressBlocksTheWholeFamily() {
        assertThat(AddressRanges.complement(List.of(), false)).extracting(AddressRange::toString).containsExactly("0.0.0.0-255.255.255.255");
        assertThat(AddressRanges.complement(List.of(), true)).extracting(AddressRange::toString)
                .containsExactly("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void theEndsOfTheSpaceAreHandled() {
        List<AddressRange> ends = List.of(AddressRange.parse("0.0.0.0"), AddressRange.parse("255.255.255.255"));
        assertThat(AddressRanges.complement(ends, false)).extracting(AddressRange::toString).containsExactly("0.0.0.1-255.255.255.254");
        assertThat(AddressRanges.complement(List.of(AddressRange.whole(true)), true)).isEmpty();
    }

    @Test
    void ipv4MappedAddressesStayIpv6() {
        AddressRange r = AddressRange.parse("::ffff:0:0-::ffff:ffff:ffff");
        assertThat(r.v6()).isTrue();
        assertThat(r.toString()).isEqualTo("::ffff:0:0-::ffff:ffff:ffff");
    }
}
