package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Canary;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.policy.Route;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Verify;

/** Which probes a routed policy gets, and what each may see. */
class RouteProbesTest {
    static final String API = "http://192.0.2.10:8080/v1/observations/{id}";

    static InetAddress ip(String literal) throws Exception {
        return org.xbill.DNS.Address.getByAddress(literal);
    }

    static Spec spec(Verify v, Route... routes) throws Exception {
        Resolvers r = new Resolvers(List.of(ip("203.0.113.53")), null, null, null, null, null, null, List.of(routes));
        return new Spec(r, null, null, null, null, v);
    }

    @Test
    void aRouteWithACanaryAndAProbeNameGetsBothBesideTheGeneralCanary() throws Exception {
        Verify v = new Verify(true, null, new Canary("leaktest.example", API, List.of(ip("192.0.2.30"))), null, null, null);
        Route corp = new Route(List.of("corp.example"), List.of(ip("10.1.2.53")), "probe.corp.example",
                new Canary("canary.corp.example", API, null));

        List<Probe> probes = new LeakProbes().build(spec(v, corp), v, List.of());

        assertThat(probes).extracting(Probe::kind).containsExactly("pinned", "canary", "route-canary", "route-name");
        Probe canary = probes.get(1);
        Probe routeCanary = probes.get(2);
        assertThat(canary.routing().domains()).isEmpty();
        assertThat(canary.routing().allowed()).containsExactly("192.0.2.30");
        assertThat(routeCanary.target()).endsWith(".canary.corp.example");
        assertThat(routeCanary.expected()).isEqualTo("only [10.1.2.53]");
        assertThat(routeCanary.routing().domains()).containsExactly("corp.example");
        assertThat(probes.get(3)).extracting(Probe::target, Probe::expected).containsExactly("probe.corp.example", "the answer of 10.1.2.53");
    }

    @Test
    void aRouteCanaryExpectsItsOwnResolversWhenGiven() throws Exception {
        Route corp = new Route(List.of("corp.example"), List.of(ip("10.1.2.53")), null,
                new Canary("canary.corp.example", API, List.of(ip("10.1.2.60"))));

        List<Probe> probes = new LeakProbes().build(spec(Verify.defaults(), corp), Verify.defaults(), List.of());

        assertThat(probes).extracting(Probe::kind, Probe::expected).containsExactly(tuple("pinned", "answers"),
                tuple("route-canary", "only [10.1.2.60]"));
    }

    @Test
    void aRouteWithNeitherCanaryNorProbeNameAddsNoProbe() throws Exception {
        Route corp = new Route(List.of("corp.example"), List.of(ip("10.1.2.53")));

        assertThat(new LeakProbes().build(spec(Verify.defaults(), corp), Verify.defaults(), List.of())).extracting(Probe::kind)
                .containsExactly("pinned");
    }

    @Test
    void aResolverUsedBeforeApplyIsNotForbiddenOnceARouteUsesIt() throws Exception {
        Route corp = new Route(List.of("corp.example"), List.of(ip("10.1.2.53")));

        List<Probe> probes = new LeakProbes().build(spec(Verify.defaults(), corp), Verify.defaults(),
                List.of(ip("10.1.2.53"), ip("198.51.100.53")));

        assertThat(probes).extracting(Probe::target).noneMatch(t -> t.startsWith("10.1.2.53")).anyMatch(t -> t.startsWith("198.51.100.53"));
    }

    @Test
    void theGeneralCanaryKnowsTheRoutesResolversAndTheRouteCanaryThePinnedOnes() throws Exception {
        Route corp = new Route(List.of("corp.example", "corp.internal"), List.of(ip("10.1.2.53")), null,
                new Canary("canary.corp.example", API, List.of(ip("10.1.2.60"))));

        var roles = LeakProbes.roles(List.of(ip("203.0.113.53")), List.of(ip("192.0.2.30")), List.of(corp));

        assertThat(roles).containsEntry("203.0.113.53", "pinned").containsEntry("192.0.2.30", "pinned")
                .containsEntry("10.1.2.53", "route corp.example, corp.internal").containsEntry("10.1.2.60", "route corp.example, corp.internal");
    }
}
