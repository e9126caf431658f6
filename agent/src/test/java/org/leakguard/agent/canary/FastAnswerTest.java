package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The fast path answers byte for byte as the library path does, and leaves everything else to it. */
class FastAnswerTest {
    final Observations seen = new Observations(10, Duration.ofMinutes(1), Clock.systemUTC());
    final CanaryZone zone = new CanaryZone(CanaryZoneTest.name("leaktest.example."), CanaryZoneTest.ip("192.0.2.1"),
            CanaryZoneTest.ip("192.0.2.10"), seen);
    final FastAnswer fast = new FastAnswer(CanaryZoneTest.name("leaktest.example."),
            (java.net.Inet4Address) CanaryZoneTest.ip("192.0.2.1"), true);
    final InetAddress asker = CanaryZoneTest.ip("203.0.113.53");

    @Test
    void theCommonQueriesGetTheLibrarysAnswerAndRecordTheSameId() throws Exception {
        Message plain = CanaryZoneTest.query("AbC.leaktest.example.", Type.A);
        Message edns = CanaryZoneTest.query("deep.Id2.LeakTest.example.", Type.A);
        edns.addRecord(new OPTRecord(4096, 0, 0, org.xbill.DNS.ExtendedFlags.DO), Section.ADDITIONAL);
        Message noRd = CanaryZoneTest.query("x3.leaktest.example.", Type.A);
        noRd.getHeader().unsetFlag(Flags.RD);

        for (Message q : new Message[] {plain, edns, noRd}) {
            FastAnswer.Result r = fast.answer(q.toWire());
            assertThat(r).as(q.getQuestion().toString()).isNotNull();
            assertThat(r.reply()).as(q.getQuestion().toString()).isEqualTo(zone.throughLibrary(q.toWire(), asker, true));
        }
        assertThat(fast.answer(plain.toWire()).id()).isEqualTo("abc");
        assertThat(fast.answer(edns.toWire()).id()).isEqualTo("id2");
    }

    @Test
    void everythingElseIsLeftToTheLibrary() throws Exception {
        Message aaaa = CanaryZoneTest.query("a.leaktest.example.", Type.AAAA);
        Message apex = CanaryZoneTest.query("leaktest.example.", Type.A);
        Message outside = CanaryZoneTest.query("a.example.", Type.A);
        Message ns = CanaryZoneTest.query("ns.leaktest.example.", Type.A);
        Message v1 = CanaryZoneTest.query("a.leaktest.example.", Type.A);
        v1.addRecord(new OPTRecord(4096, 0, 1), Section.ADDITIONAL);
        Message escaped = CanaryZoneTest.query("a\\.b.leaktest.example.", Type.A);

        for (Message q : new Message[] {aaaa, apex, outside, ns, v1, escaped}) {
            assertThat(fast.answer(q.toWire())).as(q.getQuestion().toString()).isNull();
        }
        assertThat(fast.answer(CanaryZoneTest.updateWithHugeTtl())).isNull();
        assertThat(fast.answer(new byte[20])).isNull();
    }
}
