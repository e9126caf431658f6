package org.leakguard.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every form Windows Firewall and nft print an address in. The Windows forms are those Microsoft
 * documents for {@code Set-NetFirewallAddressFilter -RemoteAddress} (single IPv4/IPv6, prefix by
 * bit count, IPv4 subnet by mask, IPv4/IPv6 range): Windows prints an IPv4 prefix back by mask.
 */
class AddressRangeTest {

    @ParameterizedTest
    @CsvSource({
        "192.168.1.0/255.255.255.0, 192.168.1.0-192.168.1.255",
        "192.168.1.77/255.255.255.0, 192.168.1.0-192.168.1.255",
        "10.0.0.0/255.0.0.0, 10.0.0.0-10.255.255.255",
        "0.0.0.0/0.0.0.0, 0.0.0.0-255.255.255.255",
        "192.0.2.7/255.255.255.255, 192.0.2.7",
        "192.168.1.0/24, 192.168.1.0-192.168.1.255",
        "1.2.3.4/24, 1.2.3.0-1.2.3.255",
        "fe80::1/48, fe80::-fe80::ffff:ffff:ffff:ffff:ffff",
        "2001:db8::/32, 2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
        "1.2.3.4-1.2.3.7, 1.2.3.4-1.2.3.7",
        "fe80::1-fe80::9, fe80::1-fe80::9",
        "0:0:0:0:0:0:0:2-2001:db8:0:0:0:0:0:52, ::2-2001:db8::52",
        "192.0.2.53, 192.0.2.53",
        " 2001:db8::53 , 2001:db8::53",
    })
    void everyPrintedFormIsARange(String printed, String range) {
        assertThat(AddressRange.parse(printed)).hasToString(range);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.168.1.0/255.0.255.0|not contiguous",
        "192.168.1.0/33|out of 0..32",
        "2001:db8::/129|out of 0..128",
        "192.168.1.0/ffff::|not an IPv4 mask",
        "192.0.2.1-2001:db8::1|mixes IPv4 and IPv6",
        "192.0.2.9-192.0.2.1|not a range",
        "LocalSubnet|not an IP literal",
        "192.0.2.0/x|not a prefix length",
    })
    void whatIsNoRangeSaysWhy(String printed, String why) {
        assertThatThrownBy(() -> AddressRange.parse(printed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(why);
    }

    @ParameterizedTest
    @CsvSource({"192.168.1.0/255.255.255.0", "192.168.1.0/24", "192.168.1.0-192.168.1.255"})
    void oneSubnetInThreeSpellingsIsOneSet(String printed) {
        assertThat(AddressRanges.normalize(List.of(AddressRange.parse(printed))))
                .isEqualTo(AddressRanges.normalize(List.of(AddressRange.parse("192.168.1.0-192.168.1.127"),
                        AddressRange.parse("192.168.1.128/25"))));
    }
}
