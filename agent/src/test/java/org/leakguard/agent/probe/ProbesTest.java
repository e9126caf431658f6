package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.policy.Verify;
import org.leakguard.agent.report.ProbeReport;

class ProbesTest {
    static InetAddress ip(String literal) throws Exception {
        return org.xbill.DNS.Address.getByAddress(literal);
    }

    @Test
    void probesRunInParallelSoThreeSlowOnesCostOneTimeout() {
        Duration t = Duration.ofMillis(400);
        List<Probe> slow = List.of(sleeping("a", t), sleeping("b", t), sleeping("c", t));
        long start = System.nanoTime();

        List<ProbeReport> out = new ProbeRunner(t).run(slow);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
        assertThat(out).extracting(ProbeReport::passed).containsOnly(true);
    }

    @Test
    void aProbeThatThrowsOrOverrunsIsUnknownNeverPassed() {
        Probe broken = new Probe("x", "t", "e", () -> {
            throw new IllegalStateException("boom");
        });
        Probe stuck = sleeping("stuck", Duration.ofSeconds(30));

        List<ProbeReport> out = new ProbeRunner(Duration.ofMillis(100)).run(List.of(broken, stuck));

        assertThat(out).extracting(ProbeReport::passed).containsExactly(null, null);
        assertThat(out.get(0).observed()).contains("boom");
        assertThat(out.get(1).observed()).contains("did not finish");
    }

    @Test
    void aProbeThatFollowsANameSaysWhichEvenWhenItDoesNotFinish() {
        var routing = org.leakguard.agent.report.NameRouting.planned("x.canary.corp.example", List.of("corp.example"), List.of("10.1.2.53"));
        Probe stuck = new Probe("route-canary", "x.canary.corp.example", "only [10.1.2.53]", () -> {
            Thread.sleep(30_000);
            return new Probe.Observed("slept", true);
        }, routing);

        List<ProbeReport> out = new ProbeRunner(Duration.ofMillis(100)).run(List.of(stuck));

        assertThat(out.get(0).passed()).isNull();
        assertThat(out.get(0).routing()).isEqualTo(routing);
    }

    @Test
    void aConnectToAClosedPortPassesAndToAnOpenOneFails() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int closedPort;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = s.getLocalPort();
            }
            Duration t = Duration.ofSeconds(3); // a budget, not a wait: both answers come at once
            InetAddress lo = InetAddress.getLoopbackAddress();
            List<ProbeReport> out = new ProbeRunner(t).run(List.of(
                    Probes.connectMustFail("doh", lo, open.getLocalPort(), t),
                    Probes.connectMustFail("doh", lo, closedPort, t)));

            assertThat(out.get(0).passed()).isFalse();
            assertThat(out.get(0).observed()).contains("connected");
            assertThat(out.get(1).passed()).isTrue();
        }
    }

    @Test
    void aQuicKnockThatGetsAnAnswerFailsAndARefusedOnePasses() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket server = new DatagramSocket(0, lo)) {
            int closedPort;
            try (DatagramSocket s = new DatagramSocket(0, lo)) {
                closedPort = s.getLocalPort();
            }
            byte[] seen = new byte[2048];
            Thread answerer = new Thread(() -> answerOnce(server, seen));
            answerer.start();
            Duration t = Duration.ofMillis(1000);
            List<ProbeReport> out = new ProbeRunner(t).run(List.of(
                    Probes.quicMustFail("doq", lo, server.getLocalPort(), t),
                    Probes.quicMustFail("doq", lo, closedPort, t)));
            answerer.join(2000);

            assertThat(out.get(0).passed()).isFalse();
            assertThat(out.get(0).observed()).contains("answered");
            assertThat(out.get(1).passed()).isTrue();
            assertThat(out.get(1).observed()).contains("port unreachable");
            // What a QUIC server reads first: the long-header form bit and the reserved version.
            assertThat(seen[0] & 0x80).isEqualTo(0x80);
            assertThat(java.util.Arrays.copyOfRange(seen, 1, 5)).containsExactly(0x1a, 0x2a, 0x3a, 0x4a);
        }
    }

    @Test
    void everyForbiddenResolverGetsADnsOverQuicProbe() throws Exception {
        Verify v = new Verify(true, List.of(ip("198.51.100.53")), null, null, null, null);
        var spec = new org.leakguard.agent.policy.Spec(null, null, null, null, null, v);

        assertThat(new LeakProbes().build(spec, v, List.of())).extracting(Probe::kind, Probe::target)
                .contains(org.assertj.core.groups.Tuple.tuple("doq", "198.51.100.53:853/udp"));
    }

    /** Answers the first datagram with a same-sized stand-in for a Version Negotiation packet. */
    private static void answerOnce(DatagramSocket server, byte[] seen) {
        try {
            DatagramPacket in = new DatagramPacket(seen, seen.length);
            server.setSoTimeout(2000);
            server.receive(in);
            server.send(new DatagramPacket(new byte[64], 64, in.getSocketAddress()));
        } catch (java.io.IOException e) {
            // The probe then sees no answer and the assertion says so.
        }
    }

    @Test
    void ipv6ProbeFailsWhileAGlobalAddressIsLeft() throws Exception {
        List<InetAddress> global = List.of(ip("::1"), ip("fe80::1"), ip("2001:db8::2"), ip("192.0.2.7"));
        List<InetAddress> local = List.of(ip("::1"), ip("fe80::1"));
        Interfaces withGlobal = () -> global;
        Interfaces linkLocalOnly = () -> local;

        List<ProbeReport> out = new ProbeRunner(Duration.ofMillis(500))
                .run(List.of(Probes.noGlobalIpv6(withGlobal), Probes.noGlobalIpv6(linkLocalOnly)));

        assertThat(out.get(0).passed()).isFalse();
        assertThat(out.get(0).observed()).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(out.get(1).passed()).isTrue();
    }

    @Test
    void forbiddenAddsPreviousResolversButNeverPinnedOrLoopback() throws Exception {
        Verify v = new Verify(true, List.of(ip("198.51.100.53")), null, null, null, null);

        List<InetAddress> f = LeakProbes.forbidden(v, List.of(ip("198.51.100.54"), ip("127.0.0.53"), ip("203.0.113.53")),
                List.of(ip("203.0.113.53")));

        assertThat(f).containsExactly(ip("198.51.100.53"), ip("198.51.100.54"));
    }

    @Test
    void canaryPassesOnlyWhenSomeoneAskedAndEveryAskerIsExpected() throws Exception {
        CanaryRule expect = CanaryRule.general(List.of(ip("203.0.113.53"), ip("2001:db8::53")), java.util.Map.of());

        assertThat(expect.judge(List.of("203.0.113.53", "2001:db8:0:0:0:0:0:53")).passed()).isTrue();
        assertThat(expect.judge(List.of("203.0.113.53", "198.51.100.53")).passed()).isFalse();
        assertThat(expect.judge(List.of("203.0.113.53", "198.51.100.53")).what()).contains("not allowed: 198.51.100.53");
        assertThat(expect.judge(List.of()).passed()).isFalse();
    }

    @Test
    void anUnreachableCanaryApiIsUnknown() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var canary = new org.leakguard.agent.policy.Canary("canary.invalid", "http://127.0.0.1:" + port + "/v1/observations/{id}", null);

        // A closed port refuses at once; the budget is only there for a loaded machine.
        List<ProbeReport> out = new ProbeRunner(Duration.ofSeconds(10))
                .run(List.of(Canaries.probe(canary, CanaryRule.general(List.of(ip("203.0.113.53")), java.util.Map.of()), Duration.ofSeconds(5))));

        assertThat(out.get(0).passed()).isNull();
        assertThat(out.get(0).observed()).contains("canary API unreachable");
    }

    @Test
    void withDnsOverTlsThePinnedServersAreProbedOn853NotOnPlainDns() throws Exception {
        var dot = new org.leakguard.agent.policy.Resolvers(List.of(ip("203.0.113.53")), null, null, null,
                org.leakguard.agent.policy.Encryption.DOT, "dns.corp.example", null);
        var plain = new org.leakguard.agent.policy.Resolvers(List.of(ip("203.0.113.53")), null, null, null, null, null, null);
        Verify v = Verify.defaults();

        List<Probe> withDot = new LeakProbes().build(new org.leakguard.agent.policy.Spec(dot, null, null, null, null, v), v, List.of());
        List<Probe> withPlain = new LeakProbes().build(new org.leakguard.agent.policy.Spec(plain, null, null, null, null, v), v, List.of());

        assertThat(withDot).extracting(Probe::kind, Probe::target).containsExactly(org.assertj.core.groups.Tuple.tuple("pinned-dot", "203.0.113.53:853"));
        assertThat(withPlain).extracting(Probe::kind).containsExactly("pinned");
    }

    static Probe sleeping(String name, Duration d) {
        return new Probe("sleep", name, "-", () -> {
            Thread.sleep(d.toMillis());
            return new Probe.Observed("slept", true);
        });
    }
}
