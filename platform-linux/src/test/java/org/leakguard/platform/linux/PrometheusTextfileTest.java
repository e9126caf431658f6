package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.cli.Context;
import org.leakguard.agent.cli.Main;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * The --prometheus file read by the real consumers, from Debian's packages (unpacked, never
 * installed): node_exporter's textfile collector serves it with no scrape error, and
 * {@code promtool check metrics} finds nothing to complain of. node_exporter listens on loopback only.
 */
class PrometheusTextfileTest {
    @TempDir
    Path tmp;

    /** `agent plan --root` of an empty image with a policy of several sections, metrics into {@code folder}. */
    Path metrics(Path folder) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("image/etc"));
        Files.writeString(root.resolve("resolv.conf"), "nameserver 198.51.100.53\n");
        Path policy = Files.writeString(tmp.resolve("p.yaml"), """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: textfile-test}
                spec:
                  resolvers: {servers: [203.0.113.53]}
                  ipv6: disable
                  firewall: {plainDns: block-others}
                  smartNameResolution: disable
                  verify: {probes: false}
                """);
        Path prom = folder.resolve("leakguard.prom");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Context ctx = new Context(List.of(new LinuxPlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new IOException("no commands under --root");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        int code = Main.run(ctx, new PrintWriter(out), new PrintWriter(err), "--root", tmp.resolve("image").toString(),
                "--prometheus", prom.toString(), "plan", policy.toString());
        assertThat(code).as(err.toString()).isEqualTo(3);
        assertThat(Files.readString(prom)).contains("leakguard_control_compliant{control=\"resolvers\",policy=\"textfile-test\"} 0");
        return prom;
    }

    @Test
    void promtoolFindsNothingToComplainOf() throws Exception {
        Path prom = metrics(Files.createDirectories(tmp.resolve("textfile")));
        Path promtool = UnpackedDeb.require("prometheus", null).resolve("usr/bin/promtool");

        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(prom.toFile())
                .redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        assertThat(said).as("lint findings").isBlank();
    }

    @Test
    void nodeExportersTextfileCollectorServesIt() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("textfile"));
        metrics(folder);
        Path exporter = UnpackedDeb.require("prometheus-node-exporter", null).resolve("usr/bin/prometheus-node-exporter");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(exporter.toString(), "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + folder, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("exporter.log").toFile()).start();
        try {
            String metrics = scrape(port);

            assertThat(metrics).contains("node_textfile_scrape_error 0",
                    "leakguard_control_compliant{control=\"resolvers\",policy=\"textfile-test\"} 0",
                    "leakguard_last_run_exit_code{command=\"plan\",policy=\"textfile-test\"} 3",
                    "leakguard_remediations_total{policy=\"textfile-test\"} 0");
            assertThat(metrics).doesNotContain("leakguard_control_compliant{control=\"smartNameResolution\"");
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The exporter's /metrics, retried while it starts (at most ten seconds). */
    private String scrape(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        IOException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return http.send(get, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IOException("node_exporter did not answer on 127.0.0.1:" + port + "; see " + tmp.resolve("exporter.log"), last);
    }
}
