package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.cli.Context;
import org.leakguard.agent.cli.Main;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/**
 * The Linux controls on an offline image (--root): apply, drift, repair and the apply of a
 * changed policy, then {@code rollback --all} gives back /etc byte for byte, modes included, with
 * no folder leakguard created left behind (/etc/chromium/policies, /etc/firefox, /etc/leakguard,
 * sysinit.target.d).
 */
class RootImageUndoTest {
    static final String POLICY = """
            apiVersion: leakguard/v1
            kind: DnsLeakPolicy
            metadata: {name: undo-%s}
            spec:
              resolvers: {servers: [%s], searchDomains: [corp.example], protectFromOverwrite: true}
              ipv6: disable
              firewall: {plainDns: block-others, dnsOverTls: block-others, publicDoh: block}
              browsers: {doh: "off"}
              verify: {probes: false}
            """;

    @TempDir
    Path tmp;

    Path image;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws IOException {
        image = tmp.resolve("image");
        Files.createDirectories(image.resolve("etc/dhcp"));
        Files.writeString(image.resolve("etc/resolv.conf"), "# from DHCP\nnameserver 198.51.100.53\n");
        Files.writeString(image.resolve("etc/dhcp/dhclient.conf"), "request subnet-mask, domain-name-servers;\n");
        for (String exe : List.of("usr/sbin/nft", "usr/bin/chromium", "usr/lib/firefox/firefox")) {
            Path p = Files.createDirectories(image.resolve(exe).getParent()).resolve(exe.substring(exe.lastIndexOf('/') + 1));
            Files.writeString(p, "#!/bin/sh\n");
            p.toFile().setExecutable(true);
        }
    }

    int run(String... args) {
        Context ctx = new Context(List.of(new LinuxPlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new IOException("no commands under --root");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        String[] all = new String[args.length + 2];
        all[0] = "--root";
        all[1] = image.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), all);
    }

    Path policy(String name, String server) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), POLICY.formatted(name, server));
    }

    @Test
    void rollbackAllAfterApplyDriftRepairAndAChangedPolicyGivesBackEtcByteForByte() throws Exception {
        Map<String, String> before = tree(image.resolve("etc"));
        Path first = policy("first", "203.0.113.53");

        assertThat(run("apply", first.toString())).as(out + "" + err).isZero();
        Map<String, String> applied = tree(image.resolve("etc"));
        assertThat(applied.keySet()).contains("leakguard", "chromium/policies", "firefox", "systemd/system/sysinit.target.d");
        Files.writeString(image.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        assertThat(run("apply", first.toString())).as(out + "" + err).isZero();
        assertThat(run("apply", policy("second", "203.0.113.54").toString())).as(out + "" + err).isZero();

        assertThat(run("rollback", "--all")).as(out + "" + err).isZero();

        assertThat(tree(image.resolve("etc"))).isEqualTo(before);
    }

    @Test
    void rollbackLastAfterApplyDriftAndRepairTakesTheApplyBackToo() throws Exception {
        Map<String, String> before = tree(image.resolve("etc"));
        Path first = policy("first", "203.0.113.53");
        assertThat(run("apply", first.toString())).isZero();
        Files.writeString(image.resolve("etc/resolv.conf"), "nameserver 192.0.2.1\n");
        assertThat(run("apply", first.toString())).isZero();

        out.getBuffer().setLength(0);
        assertThat(run("status")).isZero();
        assertThat(out.toString()).contains("`rollback --last` undoes ", "-00000002, ", "-00000001");
        assertThat(run("rollback", "--last")).as(out + "" + err).isZero();

        assertThat(tree(image.resolve("etc"))).isEqualTo(before);
    }

    /** Every path under root with its mode and content (or link target). */
    static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                String mode = Integer.toOctalString((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS));
                String what = Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "" : Files.readString(p);
                out.put(root.relativize(p).toString(), mode + " " + what);
            }
        }
        return out;
    }
}
