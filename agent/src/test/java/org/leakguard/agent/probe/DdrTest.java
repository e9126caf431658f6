package org.leakguard.agent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SVCBBase;
import org.xbill.DNS.SVCBRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The DDR probe against a resolver on loopback that answers the SVCB query as a DDR-capable one does. */
class DdrTest {
    private static final Duration T = Duration.ofMillis(1500);

    /** One DNS answer over UDP, made from the query by {@code answer}. */
    private static Probe.Observed ask(Set<InetAddress> allowed, Function<Message, Message> answer) throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramSocket server = new DatagramSocket(0, lo)) {
            Thread t = new Thread(() -> {
                try {
                    byte[] buf = new byte[1500];
                    DatagramPacket in = new DatagramPacket(buf, buf.length);
                    server.receive(in);
                    byte[] out = answer.apply(new Message(java.util.Arrays.copyOf(buf, in.getLength()))).toWire();
                    server.send(new DatagramPacket(out, out.length, in.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // The probe then sees no answer.
                }
            });
            t.start();
            Probe.Observed o = Ddr.probe(lo, server.getLocalPort(), allowed, T).attempt().call();
            t.join(2000);
            return o;
        }
    }

    private static Message designating(Message query, String... v4) {
        Message m = reply(query, Rcode.NOERROR);
        try {
            List<Inet4Address> hints = new java.util.ArrayList<>();
            for (String a : v4) {
                hints.add((Inet4Address) InetAddress.getByName(a));
            }
            m.addRecord(new SVCBRecord(Name.fromString(Ddr.NAME), DClass.IN, 300, 1, Name.fromString("dns.resolver.example."),
                    List.of(new SVCBBase.ParameterAlpn(), new SVCBBase.ParameterIpv4Hint(hints))), Section.ANSWER);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    private static Message reply(Message query, int rcode) {
        Message m = new Message(query.getHeader().getID());
        m.getHeader().setFlag(Flags.QR);
        m.getHeader().setRcode(rcode);
        m.addRecord(query.getQuestion(), Section.QUESTION);
        return m;
    }

    @Test
    void aDesignatedResolverNeitherPinnedNorBlockedFails() throws Exception {
        Probe.Observed o = ask(Set.of(InetAddress.getByName("203.0.113.53")), q -> {
            assertThat(q.getQuestion().getType()).isEqualTo(Type.SVCB);
            assertThat(q.getQuestion().getName().toString()).isEqualTo(Ddr.NAME);
            return designating(q, "203.0.113.53", "192.0.2.77");
        });

        assertThat(o.passed()).isFalse();
        assertThat(o.what()).contains("[192.0.2.77]", "firewall.dohAddresses");
    }

    @Test
    void designatingOnlyPinnedOrBlockedAddressesPasses() throws Exception {
        Set<InetAddress> allowed = Set.of(InetAddress.getByName("203.0.113.53"), InetAddress.getByName("192.0.2.77"));

        assertThat(ask(allowed, q -> designating(q, "203.0.113.53", "192.0.2.77")).passed()).isTrue();
    }

    @Test
    void noDdrPassesAndNoAnswerIsUnknown() throws Exception {
        Set<InetAddress> allowed = Set.of(InetAddress.getByName("203.0.113.53"));

        Probe.Observed nx = ask(allowed, q -> reply(q, Rcode.NXDOMAIN));
        assertThat(nx.passed()).isTrue();
        assertThat(nx.what()).contains("NXDOMAIN");
        assertThat(Ddr.judge(null, allowed).passed()).isNull();
    }
}
