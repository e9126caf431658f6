package org.leakguard.agent.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The raw network acts the probes are made of: a DNS query to one server, a TCP connect. */
final class Network {
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

    static String describe(Exception e) {
        return org.leakguard.agent.host.ErrorText.of(e);
    }

    /** Whether the other side answered, and in what words. */
    record Reply(boolean reached, String what) {}
}
