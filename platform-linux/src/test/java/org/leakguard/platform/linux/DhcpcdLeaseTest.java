package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** dhcpcd's lease files, from the ones the real dhcpcd 9.4.1 wrote (see dhcp/README.md) and from broken ones. */
class DhcpcdLeaseTest {
    private static final byte[] V4 = Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease");
    private static final byte[] V6 = Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease6");
    /** The captured lease's mtime: when dhcpcd wrote it. */
    private static final Instant WRITTEN = Instant.parse("2026-12-07T01:53:37Z");

    @Test
    void theRealDhcpv4LeaseNamesItsServersAndLastsItsLeaseTime() {
        DhcpcdLease lease = DhcpcdLease.v4(V4).orElseThrow();
        assertThat(lease.servers()).containsExactly("198.51.100.53", "198.51.100.54");
        assertThat(lease.lifetime()).isEqualTo(120);
        assertThat(lease.currentAt(WRITTEN, WRITTEN.plusSeconds(120))).isTrue();
        assertThat(lease.currentAt(WRITTEN, WRITTEN.plusSeconds(121))).as("dhcpcd discards it from here").isFalse();
    }

    @Test
    void theRealDhcpv6ReplyNamesItsServersAndLastsItsAddressesValidLifetime() {
        DhcpcdLease lease = DhcpcdLease.v6(V6).orElseThrow();
        assertThat(lease.servers()).containsExactly("2001:db8:1::53", "2001:db8:1::54");
        assertThat(lease.lifetime()).isEqualTo(120);
        assertThat(DhcpcdLease.v4(V6)).as("a DHCPv6 message is no DHCPv4 one").isEmpty();
        assertThat(DhcpcdLease.v6(V4)).as("nor the other way round").isEmpty();
    }

    @Test
    void everyTruncationOfTheRealLeasesYieldsNoServerAndNeverThrows() {
        int v4End = 0x127; // option 6 ends here, just before the end option and dnsmasq's padding
        for (int n = 0; n < V4.length; n++) {
            Optional<DhcpcdLease> cut = DhcpcdLease.v4(Arrays.copyOf(V4, n));
            if (n < v4End) {
                assertThat(cut.map(DhcpcdLease::servers).orElse(List.of())).as("cut at %d", n).isEmpty();
            } else {
                assertThat(cut).as("cut at %d", n).hasValue(new DhcpcdLease(List.of("198.51.100.53", "198.51.100.54"), 120));
            }
        }
        for (int n = 0; n < V6.length; n++) {
            assertThat(DhcpcdLease.v6(Arrays.copyOf(V6, n)).map(DhcpcdLease::servers).orElse(List.of())).as("cut at %d", n)
                    .isEmpty();
        }
    }

    @Test
    void garbageNeverThrows() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(400)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length >= 240) {
                System.arraycopy(V4, 236, junk, 236, 4); // past the cookie check, into the options
            }
            if (i % 3 == 0 && junk.length > 0) {
                junk[0] = 7; // a DHCPv6 Reply
            }
            DhcpcdLease.v4(junk);
            DhcpcdLease.v6(junk);
        }
        byte[] badCookie = V4.clone();
        badCookie[239]++;
        assertThat(DhcpcdLease.v4(badCookie)).isEmpty();
        assertThat(DhcpcdLease.v4(message(opt(51, 0, 0, 0, 120), opt(6, 198, 51, 100, 53, 198, 51, 100)))).as("6 bytes")
                .isEmpty();
        assertThat(DhcpcdLease.v4(message(opt(51, 0, 0, 120), opt(6, 198, 51, 100, 53)))).as("3-byte lease time").isEmpty();
    }

    @Test
    void splitAndOverloadedOptionsAreJoinedAsRfc3396Says() {
        byte[] m = message(opt(51, 0, 0, 0, 60), opt(6, 198, 51, 100, 53), opt(52, 1));
        byte[] file = concat(new byte[] {0, 0}, opt(6, 198, 51, 100, 54), new byte[] {(byte) 255});
        System.arraycopy(file, 0, m, 108, file.length);
        assertThat(DhcpcdLease.v4(m).orElseThrow().servers()).containsExactly("198.51.100.53", "198.51.100.54");
        byte[] unsaid = message(opt(51, 0, 0, 0, 60), opt(6, 198, 51, 100, 53));
        System.arraycopy(file, 0, unsaid, 108, file.length);
        assertThat(DhcpcdLease.v4(unsaid).orElseThrow().servers()).as("file is the boot file name without option 52")
                .containsExactly("198.51.100.53");
    }

    @Test
    void infiniteAndUnusableAddressesAndWithdrawnOrStatelessV6() {
        DhcpcdLease forever = DhcpcdLease.v4(message(opt(51, 255, 255, 255, 255), opt(6, 0, 0, 0, 0, 224, 0, 0, 1, 192, 0, 2, 53)))
                .orElseThrow();
        assertThat(forever.servers()).containsExactly("192.0.2.53");
        assertThat(forever.currentAt(WRITTEN, WRITTEN.plusSeconds(400L * 86400))).isTrue();

        byte[] withdrawn = V6.clone();
        Arrays.fill(withdrawn, 0x50, 0x58, (byte) 0); // the IA address's preferred and valid lifetimes
        assertThat(DhcpcdLease.v6(withdrawn)).isEmpty();

        byte[] fe80 = new byte[16];
        fe80[0] = (byte) 0xfe;
        fe80[1] = (byte) 0x80;
        fe80[15] = 1;
        byte[] stateless = concat(new byte[] {7, 1, 2, 3}, opt6(32, 0, 0, 14, 16), opt6(23, concat(fe80, Arrays.copyOfRange(V6, 0x6e, 0x7e))));
        assertThat(DhcpcdLease.v6(stateless)).hasValue(new DhcpcdLease(List.of("2001:db8:1::53"), 3600));
        byte[] noRefresh = concat(new byte[] {7, 1, 2, 3}, opt6(23, Arrays.copyOfRange(V6, 0x6e, 0x7e)));
        assertThat(DhcpcdLease.v6(noRefresh).orElseThrow().lifetime()).isEqualTo(DhcpcdLease.REFRESH_DEFAULT);
    }

    @Test
    void aLeaseWithoutLeaseTimeHoldsForeverAndAShortRefreshIsRaisedAsDhcpcdDoes() {
        DhcpcdLease bootp = DhcpcdLease.v4(message(opt(6, 198, 51, 100, 53))).orElseThrow();
        assertThat(bootp.lifetime()).as("dhcpcd's get_lease: no option 51 is infinite").isEqualTo(DhcpcdLease.INFINITE);
        assertThat(bootp.currentAt(WRITTEN, WRITTEN.plusSeconds(400L * 86400))).isTrue();

        byte[] dns = opt6(23, Arrays.copyOfRange(V6, 0x6e, 0x7e));
        assertThat(DhcpcdLease.v6(concat(new byte[] {7, 1, 2, 3}, opt6(32, 0, 0, 0, 60), dns)).orElseThrow().lifetime())
                .as("IRT_MINIMUM").isEqualTo(600);
        assertThat(DhcpcdLease.v6(concat(new byte[] {7, 1, 2, 3}, opt6(32, 0, 0, 0, 0), dns)).orElseThrow().lifetime()).isEqualTo(600);
        assertThat(DhcpcdLease.v6(concat(new byte[] {7, 1, 2, 3}, opt6(32, 0, 0, 2, 89), dns)).orElseThrow().lifetime()).isEqualTo(601);
        DhcpcdLease refreshed = DhcpcdLease.v6(concat(new byte[] {7, 1, 2, 3}, opt6(32, 0, 0, 0, 60), dns)).orElseThrow();
        assertThat(refreshed.currentAt(WRITTEN, WRITTEN.plusSeconds(540))).as("dhcpcd asks again only after 600 s").isTrue();
    }

    /** A DHCPACK-sized BOOTP message with the cookie and these options, then the end option. */
    private static byte[] message(byte[]... options) {
        byte[] head = new byte[236];
        head[0] = 2;
        return concat(head, new byte[] {99, (byte) 130, 83, 99}, concat(options), new byte[] {(byte) 255});
    }

    private static byte[] opt(int code, int... data) {
        byte[] out = new byte[data.length + 2];
        out[0] = (byte) code;
        out[1] = (byte) data.length;
        for (int i = 0; i < data.length; i++) {
            out[i + 2] = (byte) data[i];
        }
        return out;
    }

    private static byte[] opt6(int code, int... data) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            b[i] = (byte) data[i];
        }
        return opt6(code, b);
    }

    private static byte[] opt6(int code, byte[] data) {
        return concat(new byte[] {(byte) (code >> 8), (byte) code, (byte) (data.length >> 8), (byte) data.length}, data);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }
}
