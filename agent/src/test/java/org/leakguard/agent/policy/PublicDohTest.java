package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicDohTest {

    @Test
    void literalsReadAsTheJdkReadsThemWithoutAName() throws Exception {
        List<InetAddress> parsed = PublicDoh.parse(List.of("# comment", "", "1.1.1.1   # Cloudflare", "2606:4700:4700::1111",
                "::ffff:9.9.9.9", "2001:DB8::53"));

        assertThat(parsed).containsExactly(InetAddress.getByName("1.1.1.1"), InetAddress.getByName("2606:4700:4700::1111"),
                InetAddress.getByName("::ffff:9.9.9.9"), InetAddress.getByName("2001:DB8::53"));
        assertThat(parsed).extracting(InetAddress::toString)
                .containsExactly("/1.1.1.1", "/2606:4700:4700:0:0:0:0:1111", "/9.9.9.9", "/2001:db8:0:0:0:0:0:53");
    }

    @Test
    void namesAndBadLiteralsAreRefusedNotLookedUp() {
        assertThatThrownBy(() -> PublicDoh.parse(List.of("dns.google"))).hasMessage("public-doh.txt: not an IP literal: dns.google");
        assertThatThrownBy(() -> PublicDoh.parse(List.of("999.1.1.1"))).hasMessageContaining("not an IP literal");
    }

    @Test
    void theShippedListLoads() {
        assertThat(PublicDoh.addresses()).hasSizeGreaterThan(50).doesNotHaveDuplicates();
    }
}
