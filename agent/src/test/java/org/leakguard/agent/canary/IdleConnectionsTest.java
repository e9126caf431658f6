package org.leakguard.agent.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * Hundreds of idle and trickling connections (slowloris) from many addresses: the API and both DNS
 * transports still answer at once, no listener holds more than its cap, and the process idles.
 */
class IdleConnectionsTest {
    static final int PEERS = 30;
    static final int PER_PEER = 10;

    @Test
    void hundredsOfIdleConnectionsStarveNothing() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (CanaryServer server = CanaryServerTest.server(InetAddress.getByName("127.0.0.1"), new ArrayList<>())) {
            StreamListener tcp = (StreamListener) server.listener(1);
            StreamListener http = (StreamListener) server.listener(2);
            for (int p = 0; p < PEERS; p++) {
                InetAddress from = InetAddress.getByName("127.0.1." + (p + 1));
                for (int i = 0; i < PER_PEER; i++) {
                    held.add(open(from, server.dnsAddress()));
                    Socket slow = open(from, server.httpAddress());
                    slow.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                    held.add(slow);
                }
            }
            Thread.sleep(500);
            long cpuBefore = cpuNanos();
            long wallBefore = System.nanoTime();
            Thread.sleep(2000);
            long idleCpu = cpuNanos() - cpuBefore;
            long idleWall = System.nanoTime() - wallBefore;

            long t0 = System.nanoTime();
            int udp = CanaryServerTest.resolver(server.dnsAddress(), false).send(CanaryZoneTest.query("u.leaktest.example.", Type.A)).getRcode();
            int overTcp = CanaryServerTest.resolver(server.dnsAddress(), true).send(CanaryZoneTest.query("t.leaktest.example.", Type.A)).getRcode();
            int health = CanaryServerTest.get(CanaryServerTest.base(server) + "/healthz").statusCode();
            long answeredMillis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(udp).isEqualTo(Rcode.NOERROR);
            assertThat(overTcp).isEqualTo(Rcode.NOERROR);
            assertThat(health).isEqualTo(200);
            assertThat(answeredMillis).isLessThan(3000);
            assertThat(tcp.connections()).isLessThanOrEqualTo(Limits.DNS_TCP.connections());
            assertThat(http.connections()).isLessThanOrEqualTo(Limits.HTTP.connections());
            assertThat(idleCpu).as("CPU while %d connections idle", held.size()).isLessThan(idleWall / 4);

            Thread.sleep(Limits.HTTP.idle().toMillis() + 1000);
            assertThat(http.connections()).as("trickling HTTP clients past the idle time").isZero();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    static Socket open(InetAddress from, InetSocketAddress to) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(to, 2000);
        return s;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
