package org.leakguard.agent.canary.dnstap;

import com.google.protobuf.InvalidProtocolBufferException;
import dnstap.DnstapOuterClass.Dnstap;
import dnstap.DnstapOuterClass.Message;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.DNSInput;
import org.xbill.DNS.Name;
import org.xbill.DNS.WireParseException;

/**
 * One dnstap data frame to the query it reports: only AUTH_QUERY (an authority received it) and
 * CLIENT_QUERY (a resolver received it) messages with a query address and a query message count;
 * responses and the resolver's own outgoing queries are someone else's view. Only the question's
 * name is read from the DNS message. Pure.
 */
final class DnstapQueries {
    private static final int HEADER = 12;

    private DnstapQueries() {}

    static Optional<Asked> decode(byte[] frame) throws FrameException {
        Dnstap d;
        try {
            d = Dnstap.parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
            throw new FrameException("a data frame that is not a dnstap message: " + e.getMessage());
        }
        if (d.getType() != Dnstap.Type.MESSAGE || !d.hasMessage()) {
            return Optional.empty();
        }
        Message m = d.getMessage();
        if (m.getType() != Message.Type.AUTH_QUERY && m.getType() != Message.Type.CLIENT_QUERY) {
            return Optional.empty();
        }
        if (!m.hasQueryAddress() || !m.hasQueryMessage()) {
            return Optional.empty();
        }
        byte[] address = m.getQueryAddress().toByteArray();
        byte[] query = m.getQueryMessage().toByteArray();
        if ((address.length != 4 && address.length != 16) || query.length <= HEADER || qdcount(query) == 0) {
            return Optional.empty();
        }
        try {
            DNSInput in = new DNSInput(query);
            in.jump(HEADER);
            return Optional.of(new Asked(new Name(in), InetAddress.getByAddress(address)));
        } catch (WireParseException | UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int qdcount(byte[] query) {
        return ((query[4] & 0xff) << 8) | (query[5] & 0xff);
    }
}
