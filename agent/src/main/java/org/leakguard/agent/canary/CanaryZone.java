package org.leakguard.agent.canary;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The authority for a canary zone, answering as an authoritative server does (RFC 1034, 2308,
 * 6891): every name in the zone has the A record {@code answer}; other types get NODATA with the
 * SOA in the authority section; the apex has its SOA and NS; names outside the zone are refused.
 * Each query records, for the label just left of the zone (the canary id), the address that asked.
 * Pure: bytes in, bytes out.
 */
final class CanaryZone {
    static final int EDNS_PAYLOAD = 1232;
    static final long NEGATIVE_TTL = 60;
    private static final int HEADER = 12;

    private final Name zone;
    private final InetAddress answer;
    private final Observations observations;
    private final SOARecord soa;
    private final NSRecord ns;
    private final InetAddress self;
    private final FastAnswer fast;

    CanaryZone(Name zone, InetAddress answer, Observations observations) {
        this(zone, answer, null, observations);
    }

    /**
     * With {@code self} (the address DNS is served on, when it is one address), the zone's own
     * name server {@code ns.<zone>} resolves to it, so resolvers that look up the NS name after the
     * referral keep reaching this server.
     */
    CanaryZone(Name zone, InetAddress answer, InetAddress self, Observations observations) {
        this.zone = zone;
        this.answer = answer;
        this.self = self;
        this.observations = observations;
        this.fast = answer instanceof java.net.Inet4Address v4 ? new FastAnswer(zone, v4, self != null) : null;
        Name server = under("ns", zone);
        this.ns = new NSRecord(zone, DClass.IN, 3600, server);
        this.soa = new SOARecord(zone, DClass.IN, NEGATIVE_TTL, server, under("hostmaster", zone),
                1, 3600, 600, 86400, NEGATIVE_TTL);
    }

    /**
     * The response to one query from {@code asker}, at most {@code limit} bytes (larger ones are
     * truncated with TC set, so the client retries over TCP); the UDP limit is the client's EDNS
     * payload, capped at {@link #EDNS_PAYLOAD}. Throws for bytes to count as bad: responses (QR set,
     * never answered so two servers cannot loop), garbage, truncated or unparseable messages.
     */
    byte[] respond(byte[] query, InetAddress asker, boolean udp) throws BadPacket {
        if (query.length < HEADER) {
            throw new BadPacket("shorter than a DNS header (" + query.length + " bytes)", null);
        }
        if ((query[2] & 0x80) != 0) {
            throw new BadPacket("a response (QR set), not a query", null);
        }
        FastAnswer.Result common = fast == null ? null : fast.answer(query);
        if (common != null) {
            observations.record(common.id(), asker);
            return common.reply();
        }
        return throughLibrary(query, asker, udp);
    }

    /** Every query the fast path leaves: parsed and answered through the DNS library. */
    byte[] throughLibrary(byte[] query, InetAddress asker, boolean udp) throws BadPacket {
        Message in;
        try {
            in = new Message(query);
        } catch (Exception e) {
            throw new BadPacket("unparseable: " + e.getMessage(), formErr(query));
        }
        Message out = answer(in, asker);
        int limit = udp ? udpLimit(in) : 65535;
        byte[] wire = out.toWire(limit);
        return wire;
    }

    private Message answer(Message in, InetAddress asker) {
        Message out = new Message(in.getHeader().getID());
        out.getHeader().setFlag(Flags.QR);
        out.getHeader().setOpcode(in.getHeader().getOpcode());
        if (in.getHeader().getFlag(Flags.RD)) {
            out.getHeader().setFlag(Flags.RD);
        }
        Record question = in.getQuestion();
        if (question != null) {
            out.addRecord(question, Section.QUESTION);
        }
        OPTRecord opt = in.getOPT();
        if (opt != null) {
            boolean doBit = (opt.getFlags() & ExtendedFlags.DO) != 0;
            out.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0, doBit ? ExtendedFlags.DO : 0), Section.ADDITIONAL);
            if (opt.getVersion() != 0) {
                out.getHeader().setRcode(Rcode.BADVERS & 0xF);
                out.removeAllRecords(Section.ADDITIONAL);
                out.addRecord(new OPTRecord(EDNS_PAYLOAD, Rcode.BADVERS >>> 4, 0, 0), Section.ADDITIONAL);
                return out;
            }
        }
        if (in.getHeader().getOpcode() != Opcode.QUERY) {
            out.getHeader().setRcode(Rcode.NOTIMP);
        } else if (question == null || in.getHeader().getCount(Section.QUESTION) != 1) {
            out.getHeader().setRcode(Rcode.FORMERR);
        } else if (!question.getName().subdomain(zone) || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) {
            out.getHeader().setRcode(Rcode.REFUSED);
        } else {
            out.getHeader().setFlag(Flags.AA);
            idOf(question.getName()).ifPresent(id -> observations.record(id, asker));
            authoritative(question, out);
        }
        return out;
    }

    private void authoritative(Record question, Message out) {
        Name name = question.getName();
        int type = question.getType();
        boolean apex = name.equals(zone);
        boolean nsHost = self != null && name.equals(ns.getTarget()) && (type == Type.A || type == Type.AAAA);
        boolean v4 = self instanceof java.net.Inet4Address;
        if (nsHost && v4 == (type == Type.A)) {
            out.addRecord(v4 ? new ARecord(name, DClass.IN, 3600, self) : new AAAARecord(name, DClass.IN, 3600, self), Section.ANSWER);
        } else if (nsHost) {
            out.addRecord(soa, Section.AUTHORITY);
        } else if (type == Type.A || type == Type.ANY) {
            out.addRecord(new ARecord(name, DClass.IN, 0, answer), Section.ANSWER);
        } else if (apex && type == Type.SOA) {
            out.addRecord(soa, Section.ANSWER);
        } else if (apex && type == Type.NS) {
            out.addRecord(ns, Section.ANSWER);
        } else {
            out.addRecord(soa, Section.AUTHORITY);
        }
    }

    /** A header-only FORMERR for a message whose header is readable but whose body is not. */
    private static byte[] formErr(byte[] query) {
        byte[] reply = new byte[HEADER];
        reply[0] = query[0];
        reply[1] = query[1];
        reply[2] = (byte) (0x80 | (query[2] & 0x79));
        reply[3] = (byte) Rcode.FORMERR;
        return reply;
    }

    private static int udpLimit(Message in) {
        OPTRecord opt = in.getOPT();
        return opt == null ? 512 : Math.max(512, Math.min(EDNS_PAYLOAD, opt.getPayloadSize()));
    }

    Optional<String> idOf(Name name) {
        return idOf(zone, name);
    }

    /** The canary id: the label directly left of the zone, lower-cased; empty outside the zone. */
    static Optional<String> idOf(Name zone, Name name) {
        int depth = name.labels() - zone.labels();
        if (depth < 1 || !name.subdomain(zone)) {
            return Optional.empty();
        }
        return Optional.of(name.getLabelString(depth - 1).toLowerCase(Locale.ROOT));
    }

    private static Name under(String label, Name zone) {
        try {
            return Name.fromString(label, zone);
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException("the zone " + zone + " is too long for " + label + "." + zone, e);
        }
    }
}
