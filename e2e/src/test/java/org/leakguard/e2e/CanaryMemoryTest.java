package org.leakguard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code canary serve}: bin/agent sizes the heap for --max-ids, and a flood of three
 * times as many unique ids, each asked from many addresses, leaves the process within the bound
 * the README and --help state (heap + 96 MiB) and still serving. Loopback only.
 */
class CanaryMemoryTest {
    static final int MAX_IDS = 4000;
    static final int ASKERS = 8;
    static final Pattern UDP = Pattern.compile("dns/udp 127\\.0\\.0\\.1:(\\d+)");
    static final Pattern HTTP = Pattern.compile("http 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void theServerStaysWithinItsStatedMemoryBound() throws Exception {
        Dist.requireTools("java");
        Process p = new ProcessBuilder(Dist.launcher().toString(), "canary", "serve", "--zone", "leaktest.example", "--dns",
                "127.0.0.1:0", "--http", "127.0.0.1:0", "--max-ids", String.valueOf(MAX_IDS)).redirectErrorStream(true).start();
        try {
            String started = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            Matcher udp = UDP.matcher(String.valueOf(started));
            Matcher http = HTTP.matcher(String.valueOf(started));
            assertThat(udp.find() && http.find()).as("start line: %s", started).isTrue();
            InetSocketAddress dns = new InetSocketAddress("127.0.0.1", Integer.parseInt(udp.group(1)));
            long heapMiB = 48 + (MAX_IDS * 2048L + (1 << 20) - 1) / (1 << 20);
            String cmdline = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');

            flood(dns, 3 * MAX_IDS);
            long rssMiB = rssKiB(p.pid()) / 1024;
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http.group(1) + "/healthz")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            byte[] reply = new byte[512];
            try (DatagramSocket s = new DatagramSocket()) {
                byte[] q = query("last.leaktest.example");
                s.setSoTimeout(2000);
                s.send(new DatagramPacket(q, q.length, dns));
                s.receive(new DatagramPacket(reply, reply.length));
            }

            assertThat(cmdline).contains("-Xmx" + heapMiB + "m").contains("-XX:+UseG1GC").doesNotContain("TieredStopAtLevel");
            assertThat(rssMiB).as("RSS after the flood (heap %d MiB)", heapMiB).isLessThanOrEqualTo(heapMiB + 96);
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"ids\":" + MAX_IDS);
            assertThat(reply[3] & 0x0f).as("rcode of a query after the flood").isZero();
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** {@code ids} unique names, each asked from {@link #ASKERS} loopback addresses, paced so few are dropped. */
    static void flood(InetSocketAddress dns, int ids) throws Exception {
        DatagramSocket[] from = new DatagramSocket[ASKERS];
        try {
            for (int a = 0; a < ASKERS; a++) {
                from[a] = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.3." + (a + 1)), 0));
                from[a].setReceiveBufferSize(1 << 20);
            }
            byte[] sink = new byte[512];
            for (int i = 0; i < ids; i++) {
                String id = String.format("%040d", i);
                byte[] q = query(id + ".leaktest.example");
                for (DatagramSocket s : from) {
                    s.send(new DatagramPacket(q, q.length, dns));
                }
                if (i % 50 == 49) {
                    for (DatagramSocket s : from) {
                        s.setSoTimeout(200);
                        try {
                            s.receive(new DatagramPacket(sink, sink.length));
                        } catch (java.net.SocketTimeoutException e) {
                            // Paced enough: the reply may have been read before.
                        }
                    }
                }
            }
        } finally {
            for (DatagramSocket s : from) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }

    /** A DNS query for the A record of {@code name}, recursion desired. */
    static byte[] query(String name) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x4c, 0x47, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : name.split("\\.")) {
            b.write(label.length());
            b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes(new byte[] {0, 0, 1, 0, 1});
        return b.toByteArray();
    }

    static long rssKiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
