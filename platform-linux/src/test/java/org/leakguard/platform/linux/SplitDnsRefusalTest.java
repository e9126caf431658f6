package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.cli.Context;
import org.leakguard.agent.cli.Main;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * A host whose resolv.conf no stub routes by domain: the real command line refuses a policy with
 * routes before any change (exit 1, the image byte for byte as it was, no journal), and check
 * says which stub the host lacks.
 */
class SplitDnsRefusalTest {
    private static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: routed}
            spec:
              resolvers:
                servers: [203.0.113.1]
                routes:
                  - {domains: [corp.example], servers: [192.0.2.53]}
              ipv6: disable
              firewall: {plainDns: block-others, dnsOverTls: block-others}
              verify: {probes: false}
            """;

    @TempDir
    Path tmp;

    private Path image;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void plainHost() throws IOException {
        image = tmp.resolve("image");
        Files.createDirectories(image.resolve("etc"));
        Files.writeString(image.resolve("etc/resolv.conf"), "# from DHCP\nnameserver 198.51.100.53\n");
        Path nft = Files.createDirectories(image.resolve("usr/sbin")).resolve("nft");
        Files.writeString(nft, "#!/bin/sh\n");
        nft.toFile().setExecutable(true);
    }

    private int run(String... args) throws IOException {
        Context ctx = new Context(List.of(new LinuxPlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new IOException("no commands under --root");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        List<String> all = new java.util.ArrayList<>(List.of("--root", image.toString(), "--state-dir",
                tmp.resolve("state").toString()));
        all.addAll(List.of(args));
        all.add(Files.writeString(tmp.resolve("routed.yaml"), POLICY).toString());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), all.toArray(String[]::new));
    }

    @Test
    void applyIsRefusedBeforeAnyChangeAndCheckNamesTheMissingStub() throws Exception {
        Map<String, String> before = RootImageUndoTest.tree(image);

        assertThat(run("apply")).as(out + "" + err).isEqualTo(1);
        assertThat(out + "" + err).contains("routing names by domain needs a local stub resolver",
                "systemd-resolved's stub 127.0.0.53 for it, which this host lacks", "nothing was changed");
        assertThat(RootImageUndoTest.tree(image)).isEqualTo(before);

        out.getBuffer().setLength(0);
        assertThat(run("check")).as(out + "" + err).isEqualTo(3);
        assertThat(out.toString()).contains("which this host lacks");
    }
}
