package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

class CanaryServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Message query(String name) throws Exception {
        return Message.newQuery(Record.newRecord(Name.fromString(name), Type.A, 1));
    }

    @Test
    void answersItsZoneAuthoritativelyRecordsTheAskerAndRefusesOthers() throws Exception {
        Observations seen = new Observations(10, Duration.ofMinutes(1), Clock.systemUTC());
        CanaryZone zone = new CanaryZone(Name.fromString("leaktest.example."), InetAddress.getByName("192.0.2.1"), seen);
        InetAddress asker = InetAddress.getByName("203.0.113.53");

        Message in = new Message(zone.respond(query("AbC123.leaktest.example.").toWire(), asker));
        Message out = new Message(zone.respond(query("example.com.").toWire(), asker));

        assertThat(in.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(((ARecord) in.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress()).isEqualTo("192.0.2.1");
        assertThat(seen.askers("abc123")).contains(java.util.List.of("203.0.113.53"));
        assertThat(out.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(zone.respond(new byte[] {1, 2, 3}, asker)).isNull();
    }

    @Test
    void aFloodOfUniqueNamesStaysBoundedAndOldIdsExpire() {
        MutableClock clock = new MutableClock();
        Observations seen = new Observations(100, Duration.ofMinutes(10), clock);
        for (int i = 0; i < 10_000; i++) {
            seen.record("id" + i, "198.51.100." + (i % 250));
        }
        for (int i = 0; i < 100; i++) {
            seen.record("busy", "192.0.2." + i);
        }

        assertThat(seen.size()).isEqualTo(100);
        assertThat(seen.askers("id0")).isEmpty();
        assertThat(seen.askers("busy").orElseThrow()).hasSize(Observations.MAX_ASKERS);
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(seen.askers("busy")).isEmpty();
        assertThat(seen.size()).isZero();
    }

    @Test
    void servesDnsOverUdpAndTcpAndObservationsOverHttp() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        CanaryConfig config = new CanaryConfig(Name.fromString("leaktest.example."), new InetSocketAddress(lo, 0),
                new InetSocketAddress(lo, 0), InetAddress.getByName("192.0.2.1"), Duration.ofMinutes(1), 1000);
        try (CanaryServer server = new CanaryServer(config)) {
            server.start();
            SimpleResolver udp = new SimpleResolver(server.dnsAddress());
            udp.setTimeout(Duration.ofSeconds(2));
            SimpleResolver tcp = new SimpleResolver(server.dnsAddress());
            tcp.setTCP(true);
            tcp.setTimeout(Duration.ofSeconds(2));
            assertThat(udp.send(query("udp1.leaktest.example.")).getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(tcp.send(query("tcp1.leaktest.example.")).getRcode()).isEqualTo(Rcode.NOERROR);

            String base = "http://127.0.0.1:" + server.httpAddress().getPort();
            JsonNode udpSeen = JSON.readTree(get(base + "/v1/observations/udp1").body());
            assertThat(udpSeen.path("id").asText()).isEqualTo("udp1");
            assertThat(udpSeen.path("resolvers").get(0).asText()).isEqualTo("127.0.0.1");
            assertThat(get(base + "/v1/observations/tcp1").statusCode()).isEqualTo(200);
            assertThat(get(base + "/v1/observations/never").statusCode()).isEqualTo(404);
            assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
