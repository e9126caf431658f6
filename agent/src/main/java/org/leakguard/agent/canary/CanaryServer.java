package org.leakguard.agent.canary;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.leakguard.agent.canary.dnstap.DnstapEndpoint;

/**
 * {@code agent canary serve}: the zone's authority over UDP and TCP and/or the dnstap streams of
 * the servers that answer it, and the HTTP API that says which resolvers asked for an id
 * ({@code GET /v1/observations/{id}}, {@code GET /healthz}).
 */
public final class CanaryServer implements AutoCloseable {
    /** Two readers keep one slow packet from delaying the next; more gain nothing on small hosts. */
    static final int UDP_READERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final Observations observations;
    private final BadPackets bad;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<DnstapFeed> feeds = new ArrayList<>();
    private UdpListener udp;
    private StreamListener http;

    public CanaryServer(CanaryConfig config, Consumer<String> log) throws IOException {
        Clock clock = Clock.systemUTC();
        this.observations = new Observations(config.maxIds(), config.ttl(), clock);
        this.bad = new BadPackets(log, clock);
        try {
            if (config.dns().isPresent()) {
                java.net.InetAddress bound = config.dns().get().getAddress();
                CanaryZone zone = new CanaryZone(config.zone(), config.answer(), bound.isAnyLocalAddress() ? null : bound, observations);
                udp = new UdpListener(config.dns().get(), zone, bad, UDP_READERS);
                listeners.add(udp);
                InetSocketAddress tcpBind = new InetSocketAddress(config.dns().get().getAddress(), udp.address().getPort());
                listeners.add(new StreamListener("dns/tcp", tcpBind, Limits.DNS_TCP, new DnsOverTcp(zone, bad, "dns/tcp"), log));
            }
            for (DnstapEndpoint e : config.dnstap()) {
                DnstapFeed feed = new DnstapFeed(e, config.zone(), observations, log);
                feeds.add(feed);
                listeners.add(feed);
            }
            http = new StreamListener("http", config.http(), Limits.HTTP, new HttpConnection(new HttpApi(observations, this::health)), log);
            listeners.add(http);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public void start() {
        listeners.forEach(Listener::start);
    }

    /** The DNS listen address (UDP and TCP share the port); null when the server answers no DNS. */
    public InetSocketAddress dnsAddress() {
        return udp == null ? null : udp.address();
    }

    public InetSocketAddress httpAddress() {
        return http.address();
    }

    Listener listener(int index) {
        return listeners.get(index);
    }

    /** One line per listener, for the start-up message. */
    public List<String> listenerNames() {
        return listeners.stream().map(Listener::name).toList();
    }

    Health health() {
        Map<String, String> state = new LinkedHashMap<>();
        for (Listener l : listeners) {
            state.put(l.name(), l.alive() ? "serving" : "stopped");
        }
        return new Health(state, bad.total(), feeds.stream().mapToLong(DnstapFeed::messages).sum());
    }

    @Override
    public void close() throws IOException {
        for (Listener l : listeners) {
            l.close();
        }
    }
}
