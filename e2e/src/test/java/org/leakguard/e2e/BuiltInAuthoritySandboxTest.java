package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built-in authority ({@code agent canary serve --dns}) behind the recursive resolvers
 * organisations run (Unbound, Knot Resolver, BIND), each iterating from a root that delegates the
 * canary zone to it; and its answers next to Knot's for the same zone.
 */
class BuiltInAuthoritySandboxTest {
    static CanaryHosts hosts;
    static final Pattern HEADER = Pattern.compile("status: (\\w+),.*\\n;; flags: ([a-z ]*);.*ANSWER: (\\d+), AUTHORITY: (\\d+)");

    @BeforeAll
    static void site() throws Exception {
        Dist.requireSandbox("knotd", "named", "unbound", "kresd", "curl");
        hosts = new CanaryHosts();
        Recursors.knotRoot(hosts);
        Recursors.knotCanaryZone(hosts);
        hosts.start(hosts.onAuth(Dist.launcher().toString(), "canary", "serve", "--zone", CanaryHosts.ZONE, "--dns",
                CanaryHosts.API + ":53", "--http", CanaryHosts.API + ":8080", "--max-ids", "1000"), "canary");
        CanaryServers.awaitAnswer(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.SECOND, "knot-zone");
        CanaryServers.awaitAnswer(hosts, hosts.vpn, CanaryHosts.TUNNEL_EGRESS, CanaryHosts.API, "canary");
    }

    @AfterAll
    static void close() {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    void eachRecursorReachesTheBuiltInAuthorityThroughTheDelegation() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String recursor : List.of("unbound", "kresd", "named")) {
            Process p = recursor.equals("unbound") ? Recursors.unbound(hosts)
                    : recursor.equals("kresd") ? Recursors.knotResolver(hosts) : Recursors.bind(hosts);
            try {
                String id = DnstapSandboxTest.freshId();
                Run answer = awaitResolved(id + "." + CanaryHosts.ZONE);
                Run aaaa = Proc.run(hosts.on(hosts.client, "dig", "+tries=2", "+time=3", "@" + CanaryHosts.TUNNEL,
                        id + "x." + CanaryHosts.ZONE, "AAAA"));
                List<String> seen = hosts.awaitObserved(id, 5);
                if (!answer.stdout().contains("192.0.2.1") || !seen.equals(List.of(CanaryHosts.TUNNEL_EGRESS))
                        || !aaaa.stdout().contains("status: NOERROR")) {
                    failures.add(recursor + ": answer " + answer.stdout() + "\nAAAA " + aaaa.stdout() + "\nseen " + seen + "\nlog "
                            + hosts.log(recursor.equals("unbound") ? "unbound-recursor" : recursor.equals("kresd") ? "kresd" : "named-recursor"));
                }
            } finally {
                CanaryHosts.stop(p);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void answersAsKnotAnswersTheSameZone() {
        for (String[] q : new String[][] {{"id1.leaktest.example", "A"}, {"id1.leaktest.example", "AAAA"},
                {"id1.leaktest.example", "TXT"}, {"leaktest.example", "SOA"}, {"leaktest.example", "NS"},
                {"leaktest.example", "MX"}, {"deep.id2.leaktest.example", "A"}, {"other.example", "A"}}) {
            assertThat(header(CanaryHosts.API, q[0], q[1], "+norec")).as("%s %s", q[0], q[1])
                    .isEqualTo(header(CanaryHosts.SECOND, q[0], q[1], "+norec"));
            assertThat(header(CanaryHosts.API, q[0], q[1], "+tcp")).as("%s %s over TCP", q[0], q[1])
                    .isEqualTo(header(CanaryHosts.SECOND, q[0], q[1], "+tcp"));
        }
    }

    @Test
    void oneTcpConnectionCarriesSeveralQueries() {
        Run r = Proc.run(hosts.on(hosts.vpn, "dig", "+tcp", "+keepopen", "+tries=1", "+time=3", "@" + CanaryHosts.API,
                "k1.leaktest.example", "A", "k2.leaktest.example", "A", "k3.leaktest.example", "A"));
        assertThat(r.stdout().split("status: NOERROR", -1)).as(r.stdout()).hasSize(4);
    }

    Run awaitResolved(String name) throws Exception {
        long until = System.nanoTime() + 20_000_000_000L;
        Run r = null;
        while (System.nanoTime() < until) {
            r = Proc.run(hosts.on(hosts.client, "dig", "+tries=1", "+time=3", "@" + CanaryHosts.TUNNEL, name, "A"));
            if (r.stdout().contains("status: NOERROR")) {
                return r;
            }
            Thread.sleep(300);
        }
        return r;
    }

    /** status, flags, answer and authority counts of one direct query. */
    static String header(String server, String name, String type, String transport) {
        Run r = Proc.run(hosts.on(hosts.vpn, "dig", transport, "+tries=1", "+time=3", "-b", CanaryHosts.TUNNEL_EGRESS, "@" + server,
                name, type));
        Matcher m = HEADER.matcher(r.stdout());
        return m.find() ? m.group(1) + " flags[" + m.group(2) + "] answer " + m.group(3) + " authority " + m.group(4) : r.toString();
    }
}
