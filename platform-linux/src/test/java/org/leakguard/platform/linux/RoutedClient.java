package org.leakguard.platform.linux;

import java.io.IOException;
import org.leakguard.agent.host.CommandResult;

/**
 * A client namespace routed through the namespace under test, and a link behind that one where
 * the documentation ranges lead and nobody answers. A UDP datagram let through vanishes there (no
 * answer within the time-out); one that a rule rejects comes back at once as "connection refused".
 * So the host's own traffic crosses the output chain, the client's the forward chain.
 */
final class RoutedClient implements AutoCloseable {
    private final Netns client;

    private RoutedClient(Netns client) {
        this.client = client;
    }

    static RoutedClient behind(Netns router) throws IOException {
        Netns client = Netns.create("cli");
        try {
            router.run("ip", "link", "add", "lgsink0", "type", "veth", "peer", "name", "lgsink1");
            router.run("ip", "addr", "add", "192.0.2.1/24", "dev", "lgsink0");
            router.run("ip", "addr", "add", "203.0.113.1/24", "dev", "lgsink0");
            router.run("ip", "link", "set", "lgsink0", "up");
            router.run("ip", "link", "set", "lgsink1", "up");
            router.run("ip", "link", "add", "lgr0", "type", "veth", "peer", "name", "lgc0", "netns", client.name());
            router.run("ip", "addr", "add", "198.51.100.1/24", "dev", "lgr0");
            router.run("ip", "link", "set", "lgr0", "up");
            client.run("ip", "addr", "add", "198.51.100.2/24", "dev", "lgc0");
            client.run("ip", "link", "set", "lgc0", "up");
            client.run("ip", "route", "add", "default", "via", "198.51.100.1");
            router.run("sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            return new RoutedClient(client);
        } catch (IOException e) {
            client.close();
            throw e;
        }
    }

    Netns client() {
        return client;
    }

    /**
     * What one UDP datagram to address:port meets, sent from {@code from}: "refused" (a reject's
     * ICMP port unreachable), "prohibited" (a prohibit route: EACCES on the host, ICMP
     * administratively prohibited when routed), "silent", or dig's words.
     */
    static String udp(Netns from, String address, int port) throws IOException {
        CommandResult r = from.exec(null, "dig", "+tries=1", "+time=1", "-p", String.valueOf(port), "@" + address,
                "leakguard-probe.invalid");
        String out = r.stdout() + r.stderr();
        if (out.contains("connection refused")) {
            return "refused";
        }
        if (out.contains("permission denied") || out.contains("host unreachable") || out.contains("network unreachable")) {
            return "prohibited";
        }
        return out.contains("timed out") || out.contains("no servers could be reached") ? "silent" : out.strip();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
