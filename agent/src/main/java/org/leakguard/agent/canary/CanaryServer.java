package org.leakguard.agent.canary;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code agent canary serve}: the zone's authority over UDP and TCP, and the HTTP API that says
 * which resolvers asked for an id ({@code GET /v1/observations/{id}}, {@code GET /healthz}).
 */
public final class CanaryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "/v1/observations/";

    private final CanaryZone zone;
    private final Observations observations;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final HttpServer http;
    private final ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "canary");
        t.setDaemon(true);
        return t;
    });

    public CanaryServer(CanaryConfig config) throws IOException {
        this.observations = new Observations(config.maxIds(), config.ttl(), java.time.Clock.systemUTC());
        this.zone = new CanaryZone(config.zone(), config.answer(), observations);
        this.udp = new DatagramSocket(config.dns());
        this.tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(config.dns().getAddress(), udp.getLocalPort()));
        this.http = HttpServer.create(config.http(), 16);
        http.createContext("/", this::api);
        http.setExecutor(workers);
    }

    public void start() {
        Thread u = new Thread(this::serveUdp, "canary-udp");
        Thread t = new Thread(this::serveTcp, "canary-tcp");
        u.setDaemon(true);
        t.setDaemon(true);
        u.start();
        t.start();
        http.start();
    }

    public InetSocketAddress dnsAddress() {
        return (InetSocketAddress) udp.getLocalSocketAddress();
    }

    public InetSocketAddress httpAddress() {
        return http.getAddress();
    }

    private void serveUdp() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                udp.receive(in);
                byte[] query = java.util.Arrays.copyOf(in.getData(), in.getLength());
                byte[] reply = zone.respond(query, in.getAddress());
                if (reply != null) {
                    udp.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                }
            } catch (IOException e) {
                // A closed socket ends the loop; a bad packet is dropped.
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket s = tcp.accept();
                workers.submit(() -> answerTcp(s));
            } catch (IOException e) {
                // Closed: the loop ends.
            }
        }
    }

    private void answerTcp(Socket s) {
        try (s) {
            s.setSoTimeout(5000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            byte[] reply = zone.respond(query, s.getInetAddress());
            if (reply != null) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // The client went away.
        }
    }

    private void api(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, Map.of("error", "only GET"));
            } else if (path.equals("/healthz")) {
                send(ex, 200, Map.of("status", "ok", "ids", observations.size()));
            } else if (path.startsWith(PREFIX)) {
                String id = path.substring(PREFIX.length()).toLowerCase(java.util.Locale.ROOT);
                Optional<List<String>> askers = observations.askers(id);
                if (askers.isPresent()) {
                    send(ex, 200, Map.of("id", id, "resolvers", askers.get()));
                } else {
                    send(ex, 404, Map.of("error", "no query seen for id " + id));
                }
            } else {
                send(ex, 404, Map.of("error", "not found"));
            }
        }
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() throws IOException {
        http.stop(0);
        udp.close();
        tcp.close();
        workers.shutdownNow();
    }
}
