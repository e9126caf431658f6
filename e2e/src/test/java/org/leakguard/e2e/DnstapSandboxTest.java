package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The collector fed by real authoritative servers: Knot DNS and BIND 9 serve the canary zone and
 * write dnstap (configured by deploy/canary's snippets) to one collector, and Unbound serving it
 * from an auth-zone writes its client queries. A client resolves through a real Unbound (then
 * Knot Resolver, then BIND) tunnel resolver with a stub to both authorities, and the API names
 * exactly that resolver's address. The servers start before the collector, and the collector
 * restarts while they run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnstapSandboxTest {
    static CanaryHosts hosts;
    static Process collector;
    static Process tunnel;

    @BeforeAll
    static void site() throws Exception {
        Dist.requireSandbox("knotd", "named", "unbound", "curl");
        hosts = new CanaryHosts();
        CanaryServers.knot(hosts);
        CanaryServers.bind(hosts);
        tunnel = CanaryServers.tunnelResolver(hosts);
        CanaryServers.awaitAnswer(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.KNOT, "knot");
        CanaryServers.awaitAnswer(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.SECOND, "named");
    }

    @AfterAll
    static void close() {
        if (hosts != null) {
            hosts.close();
        }
    }

    static String freshId() {
        byte[] b = new byte[6];
        new SecureRandom().nextBytes(b);
        return "t" + HexFormat.of().formatHex(b);
    }

    /** Asks Knot for one id and BIND for the other until the collector has seen both (the servers reconnect on their own). */
    static void askBothUntilSeen(String knotId, String bindId) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        boolean both = false;
        while (!both && System.nanoTime() < until) {
            CanaryServers.dig(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.KNOT, knotId + "." + CanaryHosts.ZONE);
            CanaryServers.dig(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.SECOND, bindId + "." + CanaryHosts.ZONE);
            Thread.sleep(500);
            both = !hosts.observed(knotId).isEmpty() && !hosts.observed(bindId).isEmpty();
        }
    }

    @Test
    @Order(1)
    void serversStartedFirstReachTheCollectorOnceItListens() throws Exception {
        collector = CanaryServers.collector(hosts, "collector-1");
        String knotId = freshId();
        String bindId = freshId();
        askBothUntilSeen(knotId, bindId);
        assertThat(hosts.observed(knotId)).as("Knot's dnstap; collector said: %s", hosts.log("collector-1"))
                .containsExactly(CanaryHosts.TUNNEL_EGRESS);
        assertThat(hosts.observed(bindId)).as("BIND's dnstap; collector said: %s", hosts.log("collector-1"))
                .containsExactly(CanaryHosts.TUNNEL_EGRESS);
    }

    @Test
    @Order(2)
    void aClientThroughTheTunnelResolverIsSeenAsThatResolverOnly() throws Exception {
        String id = freshId();
        Run r = CanaryServers.dig(hosts, hosts.client, null, CanaryHosts.TUNNEL, id + "." + CanaryHosts.ZONE);

        assertThat(r.stdout()).contains("status: NOERROR");
        assertThat(hosts.awaitObserved(id, 5)).containsExactly(CanaryHosts.TUNNEL_EGRESS);
        assertThat(hosts.observed(freshId())).isEmpty();
    }

    @Test
    @Order(3)
    void aRestartedCollectorIsFoundAgainByBothServers() throws Exception {
        CanaryHosts.stop(collector);
        collector = CanaryServers.collector(hosts, "collector-2");
        String knotId = freshId();
        String bindId = freshId();
        askBothUntilSeen(knotId, bindId);
        assertThat(hosts.observed(knotId)).as("Knot after the restart").containsExactly(CanaryHosts.TUNNEL_EGRESS);
        assertThat(hosts.observed(bindId)).as("BIND after the restart").containsExactly(CanaryHosts.TUNNEL_EGRESS);
    }

    @Test
    @Order(5)
    void knotResolverAndBindAsTheTunnelResolverAreSeenAsThemselves() throws Exception {
        CanaryHosts.stop(tunnel);
        for (String recursor : java.util.List.of("kresd", "named")) {
            Process p = recursor.equals("kresd") ? Recursors.knotResolverStub(hosts) : Recursors.bindStub(hosts);
            try {
                String id = freshId();
                long until = System.nanoTime() + 20_000_000_000L;
                Run r = CanaryServers.dig(hosts, hosts.client, null, CanaryHosts.TUNNEL, id + "." + CanaryHosts.ZONE);
                while (!r.stdout().contains("status: NOERROR") && System.nanoTime() < until) {
                    Thread.sleep(300);
                    r = CanaryServers.dig(hosts, hosts.client, null, CanaryHosts.TUNNEL, id + "." + CanaryHosts.ZONE);
                }
                assertThat(hosts.awaitObserved(id, 5)).as("%s: %s", recursor, r.stdout()).containsExactly(CanaryHosts.TUNNEL_EGRESS);
            } finally {
                CanaryHosts.stop(p);
            }
        }
    }

    @Test
    @Order(4)
    void unboundServingTheZoneWritesItsClientQueries() throws Exception {
        CanaryServers.unboundAuthority(hosts);
        CanaryServers.awaitAnswer(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.THIRD, "unbound-auth");
        String id = freshId();
        long until = System.nanoTime() + 20_000_000_000L;
        while (hosts.observed(id).isEmpty() && System.nanoTime() < until) {
            CanaryServers.dig(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.THIRD, id + "." + CanaryHosts.ZONE);
            Thread.sleep(300);
        }
        assertThat(hosts.observed(id)).as("Unbound's dnstap; unbound said: %s", hosts.log("unbound-auth"))
                .containsExactly(CanaryHosts.TUNNEL_EGRESS);
    }
}
