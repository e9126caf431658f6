package org.leakguard.agent.probe;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The raw network acts the probes are made of: a DNS query to one server, a TCP connect, a QUIC knock. */
final class Network {
    /** RFC 9000 14.1: a client's first datagram is at least 1200 bytes, or a server may ignore it. */
    static final int QUIC_MIN_DATAGRAM = 1200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Network() {}

    /** Sends one query straight to {@code server}; returns the response code's name, or why none came. */
    static Reply query(InetAddress server, boolean tcp, String name, Duration timeout) {
        try {
            SimpleResolver resolver = new SimpleResolver(new InetSocketAddress(server, 53));
            resolver.setTCP(tcp);
            resolver.setTimeout(timeout);
            Message answer = resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, 1)));
            return new Reply(true, "answered " + Rcode.string(answer.getRcode()));
        } catch (SocketTimeoutException e) {
            return new Reply(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply(false, "unreachable: " + describe(e));
        }
    }

    /**
     * Asks every server for {@code name} over UDP at once: true as soon as one answers with any
     * response code, false when none does within {@code timeout} (or there are none to ask).
     */
    static CompletableFuture<Boolean> anyAnswers(List<InetAddress> servers, int port, String name, Duration timeout) {
        CompletableFuture<Boolean> out = new CompletableFuture<>();
        if (servers.isEmpty()) {
            out.complete(false);
            return out;
        }
        try {
            Name n = Name.fromString(name, Name.root);
            List<CompletableFuture<Message>> asked = new ArrayList<>();
            for (InetAddress s : servers) {
                SimpleResolver r = new SimpleResolver(new InetSocketAddress(s, port));
                r.setTimeout(timeout);
                asked.add(r.sendAsync(Message.newQuery(Record.newRecord(n, Type.A, 1))).toCompletableFuture().whenComplete((m, e) -> {
                    if (m != null) {
                        out.complete(true);
                    }
                }));
            }
            CompletableFuture.allOf(asked.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> out.complete(false));
        } catch (IOException e) {
            out.complete(false);
        }
        return out.completeOnTimeout(false, timeout.toMillis() + 100, TimeUnit.MILLISECONDS);
    }

    /** Opens (and closes) a TCP connection; true when the peer accepted it. */
    static Reply connect(InetAddress address, int port, Duration timeout) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
            return new Reply(true, "connected to port " + port);
        } catch (SocketTimeoutException e) {
            return new Reply(false, "no connection within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Reply(false, "refused or unreachable: " + describe(e));
        }
    }

    /**
     * Sends one QUIC long-header datagram with a reserved version (RFC 9000 15: 0x?a?a?a?a). Any
     * QUIC server answers that with a Version Negotiation packet (6.1), so no handshake or key is
     * needed to learn that a DNS-over-QUIC server was reached; an ICMP port unreachable (a
     * firewall's reject, or no server) or silence means it was not.
     */
    static Reply quic(InetAddress address, int port, Duration timeout) {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(address, port));
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            s.send(new DatagramPacket(quicKnock(), QUIC_MIN_DATAGRAM));
            DatagramPacket answer = new DatagramPacket(new byte[2048], 2048);
            s.receive(answer);
            return new Reply(true, "answered with " + answer.getLength() + " bytes on UDP port " + port);
        } catch (SocketTimeoutException e) {
            return new Reply(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (PortUnreachableException e) {
            return new Reply(false, "refused: port unreachable");
        } catch (IOException e) {
            return new Reply(false, "unreachable: " + describe(e));
        }
    }

    /** A long-header Initial-type packet: version 0x1a2a3a4a, random 8-byte connection ids, padded. */
    static byte[] quicKnock() {
        byte[] b = new byte[QUIC_MIN_DATAGRAM];
        b[0] = (byte) 0xc0;
        b[1] = 0x1a;
        b[2] = 0x2a;
        b[3] = 0x3a;
        b[4] = 0x4a;
        byte[] ids = new byte[16];
        RANDOM.nextBytes(ids);
        b[5] = 8;
        System.arraycopy(ids, 0, b, 6, 8);
        b[14] = 8;
        System.arraycopy(ids, 8, b, 15, 8);
        return b;
    }

    static String describe(Exception e) {
        return org.leakguard.agent.host.ErrorText.of(e);
    }

    /** Whether the other side answered, and in what words. */
    record Reply(boolean reached, String what) {}
}
