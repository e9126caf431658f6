package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** systemd-resolved's per-link state as busctl prints it, and the resolvectl words that set it. */
class ResolvedBusTest {
    /** Printed by busctl 252 (Debian 12) against the real resolved in the sandbox, after resolvectl dns/domain on lgv0. */
    static final String SPLIT = """
            {"type":"a(iiayqs)","data":[[0,2,[198,51,100,53],0,""],[3,2,[203,0,113,53],5353,"corp.example"],\
            [3,10,[32,1,13,184,0,0,0,0,0,0,0,0,0,0,0,83],853,""]]}
            {"type":"a(isb)","data":[[0,".",true],[3,"corp.example",false],[3,"x.example",true]]}
            """;

    @Test
    void eachLinksServersAndDomainsInResolvectlsWordsWithLinkZeroGlobal() throws IOException {
        var links = ResolvedBus.parse(SPLIT);
        assertThat(links.get(0)).isEqualTo(new LinkDns(List.of("198.51.100.53"), List.of("~.")));
        assertThat(links.get(3)).isEqualTo(new LinkDns(List.of("203.0.113.53:5353#corp.example", "[2001:db8::53]:853"),
                List.of("corp.example", "~x.example")));
        assertThat(links).containsOnlyKeys(0, 3);
    }

    @Test
    void aLinkWithDomainsButNoServersIsKept() throws IOException {
        var links = ResolvedBus.parse("{\"type\":\"a(iiayqs)\",\"data\":[]}\n{\"type\":\"a(isb)\",\"data\":[[7,\"lan\",false]]}\n");
        assertThat(links.get(7)).isEqualTo(new LinkDns(List.of(), List.of("lan")));
    }

    @Test
    void otherOutputIsAnErrorNotAnEmptyState() {
        assertThatThrownBy(() -> ResolvedBus.parse("{\"type\":\"a(iiay)\",\"data\":[]}\n{\"type\":\"a(isb)\",\"data\":[]}\n"))
                .hasMessageContaining("a(iiayqs)");
        assertThatThrownBy(() -> ResolvedBus.parse("Failed to get property DNSEx\n")).isInstanceOf(IOException.class);
    }

    @Test
    void anEmptyListIsOneEmptyWordWhichResolvectlTakesAsNone() {
        assertThat(ResolvedBus.setServers("tun0", List.of())).containsExactly("resolvectl", "dns", "tun0", "");
        assertThat(ResolvedBus.setDomains("tun0", List.of("~corp.example", "lan")))
                .containsExactly("resolvectl", "domain", "tun0", "~corp.example", "lan");
    }

    @Test
    void aLinksObjectPathAndItsDnsOverTlsMode() throws IOException {
        assertThat(ResolvedBus.linkPath(3)).isEqualTo("/org/freedesktop/resolve1/link/_33");
        assertThat(ResolvedBus.linkPath(12)).isEqualTo("/org/freedesktop/resolve1/link/_312");
        // busctl 252 get-property ... org.freedesktop.resolve1.Link DNSOverTLS, in the sandbox.
        assertThat(ResolvedBus.parseString("{\"type\":\"s\",\"data\":\"yes\"}\n")).isEqualTo("yes");
        assertThatThrownBy(() -> ResolvedBus.parseString("{\"type\":\"b\",\"data\":true}")).isInstanceOf(IOException.class);
    }

    @Test
    void theWatchWakesWhenAProgramSetsALinksDnsInResolved() throws IOException {
        // busctl 252 monitor org.freedesktop.resolve1 while resolvectl dns ran, in the sandbox.
        assertThat(ResolvedBus.MONITOR.relevant("  Sender=:1.1  Destination=org.freedesktop.resolve1  Path=/org/freedesktop/"
                + "resolve1  Interface=org.freedesktop.resolve1.Manager  Member=SetLinkDNSEx")).isTrue();
        assertThat(ResolvedBus.MONITOR.relevant("  Sender=:1.1  Destination=org.freedesktop.resolve1  Path=/org/freedesktop/"
                + "resolve1  Interface=org.freedesktop.resolve1.Manager  Member=ResolveHostname")).isFalse();
    }

    @Test
    void theLinkTheKernelRoutesAServerThrough() throws IOException {
        // ip -j route get 203.0.113.53 and ip -j link show, iproute2 6.1 (Debian 12), in the sandbox.
        assertThat(LinkChoice.parseRouteGet("[{\"dst\":\"203.0.113.53\",\"dev\":\"lgv0\",\"prefsrc\":\"203.0.113.2\","
                + "\"flags\":[],\"uid\":0,\"cache\":[]}]")).contains("lgv0");
        assertThat(LinkChoice.parseRouteGet("[{\"type\":\"blackhole\",\"dst\":\"192.0.2.9\",\"flags\":[],\"uid\":0}]")).isEmpty();
        assertThat(LinkChoice.parseLinks("[{\"ifindex\":1,\"ifname\":\"lo\"},{\"ifindex\":3,\"ifname\":\"lgv0\","
                + "\"link_index\":2}]")).containsEntry(1, "lo").containsEntry(3, "lgv0");
        assertThatThrownBy(() -> LinkChoice.parseRouteGet("RTNETLINK answers: Network is unreachable"))
                .isInstanceOf(IOException.class);
    }
}
