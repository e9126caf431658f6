package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class CanaryServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static CanaryServer server(InetAddress bind, List<String> log) throws Exception {
        CanaryConfig config = new CanaryConfig(CanaryZoneTest.name("leaktest.example."), Optional.of(new InetSocketAddress(bind, 0)),
                List.of(), new InetSocketAddress(bind, 0), InetAddress.getByName("192.0.2.1"), Duration.ofMinutes(1), 1000);
        CanaryServer server = new CanaryServer(config, line -> {
            synchronized (log) {
                log.add(line);
            }
        });
        server.start();
        return server;
    }

    static SimpleResolver resolver(InetSocketAddress at, boolean tcp) {
        SimpleResolver r = new SimpleResolver(at);
        r.setTCP(tcp);
        r.setTimeout(Duration.ofSeconds(2));
        return r;
    }

    @Test
    void servesDnsOverUdpAndTcpAndObservationsOverHttp() throws Exception {
        try (CanaryServer server = server(InetAddress.getLoopbackAddress(), new ArrayList<>())) {
            assertThat(resolver(server.dnsAddress(), false).send(CanaryZoneTest.query("udp1.leaktest.example.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);
            assertThat(resolver(server.dnsAddress(), true).send(CanaryZoneTest.query("tcp1.leaktest.example.", Type.A)).getRcode())
                    .isEqualTo(Rcode.NOERROR);

            String base = base(server);
            JsonNode udpSeen = JSON.readTree(get(base + "/v1/observations/udp1").body());
            assertThat(udpSeen.path("id").asText()).isEqualTo("udp1");
            assertThat(udpSeen.path("resolvers").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(get(base + "/v1/observations/tcp1").statusCode()).isEqualTo(200);
            assertThat(get(base + "/v1/observations/never").statusCode()).isEqualTo(404);
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        }
    }

    /** Each bad packet is counted, logged once per interval, and the next query is served: IPv4, IPv6, UDP and TCP. */
    @Test
    void aBadPacketCostsOnePacket() throws Exception {
        for (InetAddress bind : List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"))) {
            List<String> log = new ArrayList<>();
            try (CanaryServer server = server(bind, log)) {
                byte[] update = CanaryZoneTest.updateWithHugeTtl();
                byte[] query = CanaryZoneTest.query("ok.leaktest.example.", Type.A).toWire();
                List<byte[]> bad = List.of(update, new byte[] {(byte) 0xde, (byte) 0xad}, java.util.Arrays.copyOf(query, 20),
                        new byte[40]);
                try (DatagramSocket udp = new DatagramSocket()) {
                    for (byte[] b : bad) {
                        udp.send(new DatagramPacket(b, b.length, server.dnsAddress()));
                    }
                }
                try (Socket tcp = new Socket(server.dnsAddress().getAddress(), server.dnsAddress().getPort())) {
                    DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
                    out.writeShort(update.length);
                    out.write(update);
                    out.flush();
                    tcp.getInputStream().read(new byte[14]);
                }

                Message udpAnswer = resolver(server.dnsAddress(), false).send(CanaryZoneTest.query("v" + bind.getAddress().length
                        + ".leaktest.example.", Type.A));
                Message tcpAnswer = resolver(server.dnsAddress(), true).send(CanaryZoneTest.query("t.leaktest.example.", Type.A));
                JsonNode health = JSON.readTree(get(base(server) + "/healthz").body());

                assertThat(udpAnswer.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(tcpAnswer.getRcode()).isEqualTo(Rcode.NOERROR);
                assertThat(health.path("status").asText()).isEqualTo("ok");
                assertThat(health.path("badPackets").asLong()).isGreaterThanOrEqualTo(4);
                assertThat(log).hasSize(1);
                assertThat(log.get(0)).contains("dropped a bad packet on dns/");
            }
        }
    }

    @Test
    void aResponseIsNeverAnswered() throws Exception {
        try (CanaryServer server = server(InetAddress.getLoopbackAddress(), new ArrayList<>());
                DatagramSocket udp = new DatagramSocket()) {
            Message response = CanaryZoneTest.query("loop.leaktest.example.", Type.A);
            response.getHeader().setFlag(Flags.QR);
            byte[] wire = response.toWire();
            udp.send(new DatagramPacket(wire, wire.length, server.dnsAddress()));
            udp.setSoTimeout(500);
            DatagramPacket in = new DatagramPacket(new byte[512], 512);
            boolean answered;
            try {
                udp.receive(in);
                answered = true;
            } catch (SocketTimeoutException e) {
                answered = false;
            }
            assertThat(answered).isFalse();
            assertThat(get(base(server) + "/v1/observations/loop").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void healthzSaysUnhealthyWhenAListenerStopped() throws Exception {
        try (CanaryServer server = server(InetAddress.getLoopbackAddress(), new ArrayList<>())) {
            assertThat(get(base(server) + "/healthz").statusCode()).isEqualTo(200);
            server.listener(0).close();
            HttpResponse<String> after = get(base(server) + "/healthz");
            assertThat(after.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(after.body()).path("listeners").toString()).contains("stopped");
        }
    }

    static String base(CanaryServer server) {
        return "http://" + Endpoints.show(server.httpAddress());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
