package org.leakguard.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.Verifier;

/** The command line against a hostile image, state folder and policy path: refused, nothing changed outside. */
class HostileInputTest {
    @TempDir
    Path tmp;

    Path root;
    Path policy;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() throws Exception {
        root = tmp.resolve("image");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/resolv.conf"), "nameserver 198.51.100.53\n");
        policy = Files.writeString(tmp.resolve("p.yaml"), """
                apiVersion: leakguard/v1
                kind: DnsLeakPolicy
                metadata: {name: hostile}
                spec:
                  resolvers: {servers: [203.0.113.53]}
                  verify: {probes: false}
                """);
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-r--r--"));
    }

    int run(String... args) {
        Context ctx = new Context(List.of(new MainTest.OneFilePlatform()), new HostInfo("h1", "Linux", "6"), c -> {
            throw new java.io.IOException("no commands");
        }, Verifier.UNAVAILABLE, Clock.systemUTC());
        return Main.run(ctx, new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void aLockFileLinkingOutOfTheImageIsNeverOpened() throws Exception {
        Path precious = Files.writeString(tmp.resolve("precious"), "keep me\n");
        Files.createDirectories(root.resolve("var/lib/leakguard"));
        Files.setPosixFilePermissions(root.resolve("var/lib/leakguard"), PosixFilePermissions.fromString("rwx------"));
        Files.createSymbolicLink(root.resolve("var/lib/leakguard/lock"), precious);

        assertThat(run("--root", root.toString(), "apply", policy.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("symbolic link");
        assertThat(Files.readString(precious)).isEqualTo("keep me\n");
        assertThat(Files.readString(root.resolve("etc/resolv.conf"))).contains("198.51.100.53");
    }

    @Test
    void aStateFolderLinkingOutOfTheImageIsNeitherChmodedNorFilled() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("var"), Path.of("../outside"));

        assertThat(run("--root", root.toString(), "apply", policy.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("leads out of");

        Files.delete(root.resolve("var"));
        Files.createDirectories(root.resolve("var/lib"));
        Files.createSymbolicLink(root.resolve("var/lib/leakguard"), outside);
        assertThat(run("--root", root.toString(), "apply", policy.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("is a symbolic link");
        assertThat(Files.getPosixFilePermissions(outside)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        try (var s = Files.list(outside)) {
            assertThat(s).isEmpty();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoAsThePolicyIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("policy.fifo");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mk.waitFor()).isZero();

        assertThat(run("validate", fifo.toString())).isEqualTo(2);

        assertThat(err.toString()).contains(fifo.toString(), "not a regular file");
    }

    @Test
    void aDeviceAsThePolicyIsRefused() {
        assertThat(run("validate", "/dev/zero")).isEqualTo(2);
        assertThat(err.toString()).contains("/dev/zero", "not a regular file");
    }

    @Test
    void aPolicyOthersMayWriteIsWarnedOfAndRefusedWhenStrict() throws Exception {
        Files.setPosixFilePermissions(policy, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThat(run("validate", policy.toString())).isZero();
        assertThat(err.toString()).contains("warning: " + policy, "writable by everyone", "chmod go-w");

        assertThat(run("--strict-policy-perms", "validate", policy.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("refused: --strict-policy-perms");
    }

    @Test
    void aPolicyOfAnotherUserIsWarnedOf() throws Exception {
        StateTrust.asRoot();
        Files.setAttribute(policy, "unix:uid", 65534);

        assertThat(run("validate", policy.toString())).isZero();
        assertThat(err.toString()).contains("warning: " + policy, "owned by");
    }

    @Test
    void aBigFileIsRefusedBeforeItIsRead() throws Exception {
        Path big = tmp.resolve("big.yaml");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'#'}), 5L << 30);
        }
        assertThat(run("validate", big.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("larger than");
    }

    /** Tests that change a file's owner need root. */
    static final class StateTrust {
        static void asRoot() {
            org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")));
        }
    }
}
