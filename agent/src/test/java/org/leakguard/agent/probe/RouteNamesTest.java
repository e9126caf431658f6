package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.leakguard.agent.probe.RouteNames.Answer;
import org.leakguard.agent.report.NameRouting;
import org.leakguard.agent.report.ProbeReport;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A route's probe name: the system resolver's answer against the route servers'. */
class RouteNamesTest {
    static final NameRouting ROUTING = NameRouting.planned("probe.corp.example", List.of("corp.example"),
            List.of("10.1.2.53", "10.1.2.54"));
    static final Duration T = Duration.ofSeconds(1);

    static Map<String, Answer> route(Answer first, Answer second) {
        Map<String, Answer> m = new LinkedHashMap<>();
        m.put("10.1.2.53", first);
        m.put("10.1.2.54", second);
        return m;
    }

    static Answer of(String... addresses) {
        return new Answer(List.of(addresses), null);
    }

    @Test
    void theSameAnswerPassesButSaysItDoesNotProveExclusivityWithoutACanary() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(Answer.none("no answer in time"), of("10.1.2.80")), of("10.1.2.80"), false, T);

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).contains("the system resolver answers 10.1.2.80, as 10.1.2.54 does")
                .contains("not that its names go only there (no route canary)");
        assertThat(o.routing().systemAnswer()).containsExactly("10.1.2.80");
        assertThat(o.routing().routeAnswers()).containsOnlyKeys("10.1.2.54");
    }

    @Test
    void withARouteCanaryTheProbeNameLeavesExclusivityToIt() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), of("10.1.2.80"), true, T);

        assertThat(o.passed()).isTrue();
        assertThat(o.what()).doesNotContain("no route canary");
    }

    @Test
    void anotherAnswerMeansAnotherResolverAnsweredTheRoutesName() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), of("203.0.113.1"), false, T);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("the system resolver answers 203.0.113.1, the route's servers answer 10.1.2.80 (10.1.2.53)")
                .contains("names under corp.example are answered by another resolver")
                .contains("send names under corp.example to 10.1.2.53, 10.1.2.54 (spec.resolvers.routes)");
    }

    @Test
    void noAddressFromTheSystemResolverFails() {
        Probe.Observed o = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")),
                Answer.none("probe.corp.example: Name or service not known"), false, T);

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("the system resolver has no address for probe.corp.example (probe.corp.example: Name or service not known)")
                .contains("do not reach the route's servers");
        assertThat(o.routing().systemAnswer()).isEmpty();
    }

    @Test
    void silentRouteServersOrAnUnfinishedLookupAreUnknownNeverPassed() {
        Probe.Observed silent = RouteNames.judge(ROUTING, route(Answer.none("no answer in time"), Answer.none("answered NXDOMAIN with no address")),
                of("10.1.2.80"), false, T);
        Probe.Observed unfinished = RouteNames.judge(ROUTING, route(of("10.1.2.80"), of("10.1.2.80")), null, false, T);

        assertThat(silent.passed()).isNull();
        assertThat(silent.what()).contains("10.1.2.53: no answer in time; 10.1.2.54: answered NXDOMAIN with no address").contains("cannot compare");
        assertThat(silent.routing().routeAnswers()).isNull();
        assertThat(unfinished.passed()).isNull();
        assertThat(unfinished.what()).startsWith("the system resolver did not answer probe.corp.example within 1000 ms");
        assertThat(unfinished.routing().systemAnswer()).isNull();
    }

    @Test
    void addressesCompareFamilyByFamilyForTheFamiliesTheHostAskedFor() {
        List<String> both = List.of("10.1.2.80", "2001:db8::80");

        assertThat(RouteNames.same(List.of("10.1.2.80"), both)).isTrue();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8:0:0:0:0:0:80"), both)).isTrue();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8::81"), both)).isFalse();
        assertThat(RouteNames.same(List.of("10.1.2.80", "10.1.2.81"), both)).isFalse();
        assertThat(RouteNames.same(List.of("10.1.2.80", "2001:db8::80"), List.of("10.1.2.80"))).isFalse();
        assertThat(RouteNames.same(List.of(), both)).isFalse();
    }

    @Test
    void theDirectAnswersAddressesAreTheAAndAaaaRecordsOrTheResponseCode() throws Exception {
        Name n = Name.fromString("probe.corp.example.");
        Message a = Message.newQuery(Record.newRecord(n, Type.A, 1));
        a.addRecord(new ARecord(n, 1, 60, InetAddress.getByName("10.1.2.80")), Section.ANSWER);
        Message aaaa = Message.newQuery(Record.newRecord(n, Type.AAAA, 1));
        aaaa.addRecord(new AAAARecord(n, 1, 60, InetAddress.getByName("2001:db8::80")), Section.ANSWER);
        Message nx = Message.newQuery(Record.newRecord(n, Type.A, 1));
        nx.getHeader().setRcode(Rcode.NXDOMAIN);

        assertThat(RouteNames.addresses(a, aaaa).addresses()).containsExactly("10.1.2.80", "2001:db8:0:0:0:0:0:80");
        assertThat(RouteNames.addresses(nx, nx).why()).isEqualTo("answered NXDOMAIN with no address");
    }

    @Test
    void onLoopbackTheRouteServersAreAskedOverUdpAndComparedWithTheSystemResolver() throws Exception {
        // localhost comes from the hosts file, so the system resolver sends nothing to any server.
        InetAddress lo = InetAddress.getLoopbackAddress();
        List<String> system = java.util.Arrays.stream(InetAddress.getAllByName("localhost")).map(InetAddress::getHostAddress).toList();
        try (Responder same = new Responder(system); Responder other = new Responder(List.of("127.0.0.2"))) {
            List<ProbeReport> out = new ProbeRunner(T).run(List.of(
                    RouteNames.probe(List.of("localhost"), List.of(lo), same.port(), "localhost", false, T),
                    RouteNames.probe(List.of("localhost"), List.of(lo), other.port(), "localhost", false, T)));

            assertThat(out.get(0).passed()).as(out.get(0).observed()).isTrue();
            assertThat(out.get(0).routing().routeAnswers()).containsKey(lo.getHostAddress());
            assertThat(out.get(1).passed()).as(out.get(1).observed()).isFalse();
            assertThat(out.get(1).observed()).contains("the route's servers answer 127.0.0.2");
            assertThat(same.asked()).isGreaterThanOrEqualTo(2);
        }
    }

    /** A DNS server on a loopback port that answers every A and AAAA question with {@code addresses}. */
    static final class Responder implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final List<String> addresses;
        private final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();

        Responder(List<String> addresses) throws Exception {
            this.addresses = addresses;
            Thread t = new Thread(this::serve, "route-name-responder");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int asked() {
            return asked.get();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    socket.receive(in);
                    asked.incrementAndGet();
                    byte[] out = answer(new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()))).toWire();
                    socket.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        private Message answer(Message query) throws java.io.IOException {
            Message m = new Message(query.getHeader().getID());
            m.getHeader().setFlag(org.xbill.DNS.Flags.QR);
            Record q = query.getQuestion();
            m.addRecord(q, Section.QUESTION);
            for (String a : addresses) {
                InetAddress address = InetAddress.getByName(a);
                if (q.getType() == Type.A && address instanceof java.net.Inet4Address) {
                    m.addRecord(new ARecord(q.getName(), 1, 60, address), Section.ANSWER);
                } else if (q.getType() == Type.AAAA && address instanceof java.net.Inet6Address) {
                    m.addRecord(new AAAARecord(q.getName(), 1, 60, address), Section.ANSWER);
                }
            }
            return m;
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
