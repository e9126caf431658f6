package org.leakguard.agent.canary;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * DNS over TCP as RFC 7766 has it: length-prefixed messages, several queries on one connection
 * (answered in order), the connection kept until the client closes it or stays idle too long.
 * A message that does not parse gets its FORMERR (or nothing) and the connection goes on.
 */
final class DnsOverTcp implements StreamListener.Handler {
    private final CanaryZone zone;
    private final BadPackets bad;
    private final String listener;

    DnsOverTcp(CanaryZone zone, BadPackets bad, String listener) {
        this.zone = zone;
        this.bad = bad;
        this.listener = listener;
    }

    @Override
    public void serve(Connection c) throws IOException {
        DataInputStream in = new DataInputStream(c.in());
        OutputStream out = c.out();
        while (true) {
            c.awaitRequest();
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (EOFException e) {
                return;
            }
            byte[] query = new byte[length];
            in.readFully(query);
            c.busy();
            byte[] reply;
            try {
                reply = zone.respond(query, c.peer(), false);
            } catch (BadPacket e) {
                bad.count(listener, c.peer().getHostAddress(), e.getMessage());
                reply = e.reply();
            } catch (RuntimeException e) {
                bad.count(listener, c.peer().getHostAddress(), String.valueOf(e));
                reply = null;
            }
            if (reply != null) {
                byte[] framed = new byte[2 + reply.length];
                framed[0] = (byte) (reply.length >>> 8);
                framed[1] = (byte) reply.length;
                System.arraycopy(reply, 0, framed, 2, reply.length);
                out.write(framed);
                out.flush();
            }
        }
    }
}
