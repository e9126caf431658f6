package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leakguard.agent.net.AddressRange;
import org.leakguard.agent.net.AddressRanges;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0053, 2001:db8::53",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "2a07:a8c0:0:0:0:0:0:0, 2a07:a8c0::",
        "2620:fe:0:0:0:0:fe:10, 2620:fe::fe:10",
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:1:1:1:1:0:1, 2001:db8:1:1:1:1:0:1",
        "192.0.2.53, 192.0.2.53"
    })
    void textIsRfc5952(String in, String out) {
        assertThat(Addresses.text(Addresses.parseLiteral(in))).isEqualTo(out);
    }

    @Test
    void namesAreRefusedBeforeAnyLookup() {
        assertThatThrownBy(() -> Addresses.parseLiteral("dns.example")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addresses.parseLiteral("1.2.3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sortedV4FirstThenByValueWithoutDuplicates() {
        List<String> sorted = Addresses.distinctSorted(Specs.ips("2001:db8::1", "198.51.100.9", "192.0.2.1",
                "198.51.100.10", "192.0.2.1")).stream().map(Addresses::text).toList();
        assertThat(sorted).containsExactly("192.0.2.1", "198.51.100.9", "198.51.100.10", "2001:db8::1");
    }

    @Test
    void rangesMergeWhenAdjacentOrOverlapping() {
        List<AddressRange> r = AddressRanges.normalize(List.of(
                AddressRange.of(Specs.ip("192.0.2.2")),
                AddressRange.prefix(Specs.ip("192.0.2.0"), 31),
                AddressRange.of(Specs.ip("192.0.2.9"))));
        assertThat(TableCheck.text(r)).containsExactly("192.0.2.0-192.0.2.2", "192.0.2.9");
    }
}
