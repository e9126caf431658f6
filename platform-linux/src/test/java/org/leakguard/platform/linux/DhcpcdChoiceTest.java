package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.LocalFiles;

/**
 * Which of dhcpcd's lease files count, on the lease the real dhcpcd 9.4.1 wrote (see dhcp/README.md)
 * with its lease time and servers set, and the real {@code ip -j link show} (ip/README.md).
 */
class DhcpcdChoiceTest {
    private static final byte[] V4 = Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease");
    private static final byte[] V6 = Fixtures.bytes("dhcp/dhcpcd-9.4.1-lgc0.lease6");
    private static final long DAY = 86400;

    @TempDir
    Path root;

    private final Instant now = Instant.now();

    @Test
    void theRealLinkListSaysWhichInterfacesAreUp() throws Exception {
        Map<String, Boolean> links = links();
        assertThat(links.keySet()).containsExactly("lo", "eth0p", "eth0", "wlan0p", "wlan0", "br-lan", "lanb", "lana", "br-guest",
                "eth1p", "eth1");
        assertThat(links.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey))
                .as("up with carrier; br-guest's operstate is UNKNOWN").containsExactly("lo", "eth0p", "eth0", "br-lan", "lanb",
                        "lana", "br-guest");
    }

    @Test
    void leasesAreReadWhereDhcpcdKeepsThemAndOnlyWhileTheyHold() throws Exception {
        write("lgc0.lease", V4, 30);
        write("lgc0.lease6", V6, 121);
        write("duid", "00:01:00:01".getBytes(), 0);
        Map<String, Boolean> lgc0 = Map.of("lgc0", true);
        assertThat(read(lgc0)).containsExactly("198.51.100.53 lgc0.lease", "198.51.100.54 lgc0.lease");

        write("lgc0.lease", V4, 7 * DAY);
        write("lgc0.lease6", new byte[] {7, 0}, 0);
        assertThat(read(lgc0)).as("last week's lease and a broken one").isEmpty();
    }

    @Test
    void ofAWirelessInterfacesNetworksOnlyTheOneJoinedLastCounts() throws Exception {
        write("eth0.lease", lease(DAY, "203.0.113.53"), 3600);
        write("eth0-x.lease", lease(DAY, "203.0.113.54"), 7200);
        write("wlan0-home.lease", lease(DAY, "192.0.2.1"), 3600);
        write("wlan0-Hotel_Guest.lease", V4, 10);
        assertThat(read(Map.of("eth0", true, "wlan0", true))).containsExactly("203.0.113.53 eth0.lease",
                "198.51.100.53 wlan0-Hotel_Guest.lease", "198.51.100.54 wlan0-Hotel_Guest.lease");
    }

    @Test
    void whenTheLastJoinedNetworksLeaseHasRunOutAnOlderNetworksDoesNotTakeItsPlace() throws Exception {
        write("wlan0-home.lease", lease(DAY, "192.0.2.1"), 5 * 3600);
        write("wlan0-Hotel.lease", lease(600, "198.51.100.53"), 1200);
        assertThat(read(Map.of("wlan0", true))).as("the hotel's lease ran out 10 minutes ago; home is not here").isEmpty();
    }

    @Test
    void theIpv6LeaseOfANetworkLeftBehindOpensNothingOnOneWithoutDhcpv6() throws Exception {
        write("wlan0-home.lease", lease(DAY, "192.0.2.1"), 60);
        write("wlan0-home.lease6", V6, 60);
        write("wlan0-Hotel.lease", V4, 10);
        assertThat(read(Map.of("wlan0", true))).as("home's DHCPv6 lease still holds, but the host is at the hotel")
                .containsExactly("198.51.100.53 wlan0-Hotel.lease", "198.51.100.54 wlan0-Hotel.lease");
    }

    @Test
    void theNetworkJoinedLastIsTheOneWithTheNewestFileAndBothItsFamiliesCount() throws Exception {
        write("wlan0-home.lease", lease(DAY, "192.0.2.1"), 60);
        write("wlan0-Hotel.lease", lease(DAY, "198.51.100.53"), 100);
        write("wlan0-Hotel.lease6", V6, 5);
        assertThat(read(Map.of("wlan0", true))).as("the hotel's DHCPv6 renewal came after home's lease; its own v4 still holds")
                .containsExactly("198.51.100.53 wlan0-Hotel.lease", "2001:db8:1::53 wlan0-Hotel.lease6",
                        "2001:db8:1::54 wlan0-Hotel.lease6");
    }

    @Test
    void aLeaseOfAnInterfaceThatIsNotUpCountsNot() throws Exception {
        write("eth1.lease", lease(8 * DAY, "203.0.113.1"), DAY);
        write("wlan0-Office.lease", lease(8 * DAY, "203.0.113.2"), DAY);
        write("usb0.lease", lease(8 * DAY, "203.0.113.3"), DAY);
        write("eth0.lease", lease(DAY, "198.51.100.53"), 60);
        assertThat(read(links())).as("eth1 is down, wlan0 has no carrier, usb0 is gone").containsExactly("198.51.100.53 eth0.lease");
    }

    @Test
    void interfaceNamesWithADashKeepTheirOwnLeases() throws Exception {
        write("br-lan.lease", lease(DAY, "192.0.2.1"), 3600);
        write("br-guest.lease", lease(DAY, "192.0.2.129"), 60);
        assertThat(read(links())).containsExactly("192.0.2.129 br-guest.lease", "192.0.2.1 br-lan.lease");

        Set<String> names = links().keySet();
        assertThat(DhcpLeases.link("wlan0-Hotel-5G", Set.of("wlan0", "wlan0-Hotel"))).hasValue("wlan0-Hotel");
        assertThat(DhcpLeases.link("wlan0-Hotel-5G", names)).hasValue("wlan0");
        assertThat(DhcpLeases.link("br", names)).isEmpty();
        assertThat(DhcpLeases.link("br-lan-x", names)).hasValue("br-lan");
    }

    private static Map<String, Boolean> links() throws Exception {
        return LinkChoice.parseUp(Fixtures.text("ip/links-iproute2-6.1.json"));
    }

    /** The real lease with option 51 set to {@code seconds} and both option 6 servers to {@code server}. */
    private static byte[] lease(long seconds, String server) {
        byte[] out = V4.clone();
        ByteBuffer.wrap(out, 0xfb, 4).putInt((int) seconds);
        byte[] a = Addresses.parseLiteral(server).getAddress();
        System.arraycopy(a, 0, out, 0x11f, 4);
        System.arraycopy(a, 0, out, 0x123, 4);
        return out;
    }

    private void write(String name, byte[] content, long secondsAgo) throws Exception {
        Path p = root.resolve("var/lib/dhcpcd").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setLastModifiedTime(p, FileTime.from(now.minusSeconds(secondsAgo)));
    }

    /** What the window would open to, each as "address file". */
    private List<String> read(Map<String, Boolean> links) throws Exception {
        return DhcpLeases.read(new LocalFiles(root), links, now).stream()
                .map(r -> Addresses.text(r.address()) + " " + r.source().substring(DhcpLeases.DHCPCD_DIR.length() + 1)).toList();
    }
}
