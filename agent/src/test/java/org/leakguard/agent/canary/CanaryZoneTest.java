package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class CanaryZoneTest {
    final Observations seen = new Observations(10, Duration.ofMinutes(1), Clock.systemUTC());
    final CanaryZone zone = new CanaryZone(name("leaktest.example."), ip("192.0.2.1"), seen);
    final InetAddress asker = ip("203.0.113.53");

    /** An UPDATE (opcode 5) whose update section holds a record with no data and a TTL of 2^32-1. */
    static byte[] updateWithHugeTtl() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {0x12, 0x34, (byte) (5 << 3), 0, 0, 1, 0, 0, 0, 1, 0, 0});
        b.write(name("leaktest.example.").toWire());
        b.write(new byte[] {0, 6, 0, 1});
        b.write(name("x.leaktest.example.").toWire());
        b.write(new byte[] {0, 1, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0});
        return b.toByteArray();
    }

    @Test
    void anUpdateThatTheParserRejectsIsABadPacketAnsweredWithFormErr() throws Exception {
        byte[] update = updateWithHugeTtl();
        assertThatThrownBy(() -> zone.respond(update, asker, true)).isInstanceOfSatisfying(BadPacket.class, e -> {
            assertThat(e.getMessage()).contains("TTL");
            byte[] reply = e.reply();
            assertThat(reply).hasSize(12);
            assertThat(reply[0]).isEqualTo((byte) 0x12);
            assertThat(reply[1]).isEqualTo((byte) 0x34);
            assertThat(reply[2] & 0x80).isEqualTo(0x80);
            assertThat(reply[3] & 0x0f).isEqualTo(Rcode.FORMERR);
        });
    }

    @Test
    void garbageTruncatedAndResponsesAreBadPackets() throws Exception {
        byte[] query = query("abc.leaktest.example.", Type.A).toWire();
        byte[] cut = java.util.Arrays.copyOf(query, query.length - 3);
        Message response = query("abc.leaktest.example.", Type.A);
        response.getHeader().setFlag(Flags.QR);

        assertThatThrownBy(() -> zone.respond(new byte[] {1, 2, 3}, asker, true)).isInstanceOf(BadPacket.class);
        assertThatThrownBy(() -> zone.respond(cut, asker, true)).isInstanceOf(BadPacket.class);
        assertThatThrownBy(() -> zone.respond(response.toWire(), asker, true))
                .isInstanceOfSatisfying(BadPacket.class, e -> assertThat(e.reply()).isNull());
        assertThat(seen.size()).isZero();
    }

    @Test
    void answersItsZoneAuthoritativelyRecordsTheAskerAndRefusesOthers() throws Exception {
        Message in = respond(query("AbC123.leaktest.example.", Type.A));
        Message out = respond(query("example.com.", Type.A));

        assertThat(in.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(in.getQuestion().getName().toString()).isEqualTo("AbC123.leaktest.example.");
        assertThat(((ARecord) in.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(seen.askers("abc123")).contains(List.of("203.0.113.53"));
        assertThat(out.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(out.getHeader().getFlag(Flags.AA)).isFalse();
    }

    @Test
    void nodataCarriesTheSoaInAuthorityAndTheApexHasSoaAndNs() throws Exception {
        Message aaaa = respond(query("id1.leaktest.example.", Type.AAAA));
        Message soa = respond(query("leaktest.example.", Type.SOA));
        Message ns = respond(query("leaktest.example.", Type.NS));

        assertThat(aaaa.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
        assertThat(aaaa.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
        assertThat(aaaa.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(soa.getSection(Section.ANSWER)).singleElement().isInstanceOf(SOARecord.class);
        assertThat(ns.getSection(Section.ANSWER).get(0).getType()).isEqualTo(Type.NS);
    }

    @Test
    void theZonesOwnNameServerResolvesToTheServersAddress() throws Exception {
        CanaryZone bound = new CanaryZone(name("leaktest.example."), ip("192.0.2.1"), ip("192.0.2.10"), seen);
        Message a = new Message(bound.respond(query("ns.leaktest.example.", Type.A).toWire(), asker, true));
        Message aaaa = new Message(bound.respond(query("ns.leaktest.example.", Type.AAAA).toWire(), asker, true));

        assertThat(((ARecord) a.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.10");
        assertThat(aaaa.getSection(Section.ANSWER)).isEmpty();
        assertThat(aaaa.getSection(Section.AUTHORITY)).singleElement().isInstanceOf(SOARecord.class);
    }

    @Test
    void ednsIsAnsweredWithEdnsAndAnUnknownVersionWithBadvers() throws Exception {
        Message q = query("e1.leaktest.example.", Type.A);
        q.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        Message v1 = query("e2.leaktest.example.", Type.A);
        v1.addRecord(new OPTRecord(4096, 0, 1), Section.ADDITIONAL);

        Message r = respond(q);
        Message bad = respond(v1);

        assertThat(r.getOPT().getPayloadSize()).isEqualTo(CanaryZone.EDNS_PAYLOAD);
        assertThat(bad.getRcode()).isEqualTo(Rcode.BADVERS);
        assertThat(bad.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void otherOpcodesAreNotImplementedAndTwoQuestionsAreAFormatError() throws Exception {
        Message notify = query("leaktest.example.", Type.SOA);
        notify.getHeader().setOpcode(Opcode.NOTIFY);
        Message two = query("a.leaktest.example.", Type.A);
        two.addRecord(Record.newRecord(name("b.leaktest.example."), Type.A, DClass.IN), Section.QUESTION);

        assertThat(respond(notify).getRcode()).isEqualTo(Rcode.NOTIMP);
        assertThat(respond(two).getRcode()).isEqualTo(Rcode.FORMERR);
    }

    Message respond(Message q) throws Exception {
        return new Message(zone.respond(q.toWire(), asker, true));
    }

    static Message query(String n, int type) {
        return Message.newQuery(Record.newRecord(name(n), type, DClass.IN));
    }

    static Name name(String n) {
        try {
            return Name.fromString(n);
        } catch (Exception e) {
            throw new IllegalArgumentException(n, e);
        }
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
