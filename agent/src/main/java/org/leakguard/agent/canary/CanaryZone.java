package org.leakguard.agent.canary;

import java.io.IOException;
import java.net.InetAddress;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The authority for a canary zone: answers every name under it and records, for the label just
 * left of the zone (the canary id), the address that asked. Pure: bytes in, bytes out.
 */
final class CanaryZone {
    private final Name zone;
    private final InetAddress answer;
    private final Observations observations;

    CanaryZone(Name zone, InetAddress answer, Observations observations) {
        this.zone = zone;
        this.answer = answer;
        this.observations = observations;
    }

    /** The response to one query from {@code asker}, or null for bytes that are not a DNS query. */
    byte[] respond(byte[] query, InetAddress asker) {
        Message in;
        try {
            in = new Message(query);
        } catch (IOException e) {
            return null;
        }
        Record question = in.getQuestion();
        Message out = new Message(in.getHeader().getID());
        out.getHeader().setFlag(Flags.QR);
        if (in.getHeader().getFlag(Flags.RD)) {
            out.getHeader().setFlag(Flags.RD);
        }
        if (question == null) {
            out.getHeader().setRcode(Rcode.FORMERR);
            return out.toWire();
        }
        out.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(zone)) {
            out.getHeader().setRcode(Rcode.REFUSED);
            return out.toWire();
        }
        out.getHeader().setFlag(Flags.AA);
        idOf(name).ifPresent(id -> observations.record(id, asker.getHostAddress()));
        if (question.getType() == Type.A && question.getDClass() == DClass.IN) {
            out.addRecord(new ARecord(name, DClass.IN, 0, answer), Section.ANSWER);
        }
        return out.toWire();
    }

    /** The canary id: the label directly left of the zone, lower-cased. */
    java.util.Optional<String> idOf(Name name) {
        int depth = name.labels() - zone.labels();
        if (depth < 1) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(name.getLabelString(depth - 1).toLowerCase(java.util.Locale.ROOT));
    }
}
