package org.leakguard.agent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names a route claims: its domains and every name under them, label by label. */
class RouteTest {
    private static final InetAddress PINNED = ip(203, 0, 113, 53);
    private static final InetAddress CORP = ip(192, 0, 2, 53);

    @Test
    void coversItsDomainsAndNamesUnderThemOnly() {
        Route r = new Route(List.of("Corp.Example."), List.of(CORP));

        assertThat(r.domains()).containsExactly("corp.example");
        assertThat(r.covers("corp.example")).isTrue();
        assertThat(r.covers("INTRANET.corp.example.")).isTrue();
        assertThat(r.covers("notcorp.example")).as("a suffix that is not a label boundary").isFalse();
        assertThat(r.covers("example")).isFalse();
        assertThat(r.domainOf("a.b.corp.example")).isEqualTo("corp.example");
    }

    @Test
    void resolversRouteNamesAndListEveryServerOnce() {
        Route corp = new Route(List.of("corp.example"), List.of(CORP, PINNED));
        Resolvers r = new Resolvers(List.of(PINNED), null, null, null, null, null, null, List.of(corp));

        assertThat(r.routeFor("wiki.corp.example")).contains(corp);
        assertThat(r.routeFor("www.example")).isEmpty();
        assertThat(r.allServers()).containsExactly(PINNED, CORP);
        assertThat(new Resolvers(List.of(PINNED), null, null, null, null, null, null).routed()).isFalse();
    }

    @Test
    void aRouteCanaryExpectsTheRouteServersUnlessToldOtherwise() {
        Canary canary = new Canary("canary.corp.example", "http://192.0.2.10/v1/{id}", List.of());
        assertThat(new Route(List.of("corp.example"), List.of(CORP), null, canary).canaryExpect()).containsExactly(CORP);

        Canary told = new Canary("canary.corp.example", "http://192.0.2.10/v1/{id}", List.of(PINNED));
        assertThat(new Route(List.of("corp.example"), List.of(CORP), null, told).canaryExpect()).containsExactly(PINNED);
    }

    private static InetAddress ip(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
