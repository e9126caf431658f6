package org.leakguard.agent.canary.dnstap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector against libfstrm's own writer ({@code fstrm_replay}, Debian fstrm-bin) replaying a
 * capture Knot wrote: unix and TCP sockets, several writers at once, a writer that comes back, and
 * misbehaving writers that lose their connection while the others go on.
 */
class DnstapCollectorTest {
    @TempDir
    Path dir;
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    static void requireFstrmReplay() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/fstrm_replay"));
        if (!present && System.getenv("CI") != null) {
            fail("CI must run this test, but fstrm_replay is missing (bash .ci/deps --tests installs fstrm-bin)");
        }
        assumeTrue(present, "fstrm_replay (Debian fstrm-bin) is not installed");
    }

    DnstapCollector collector(DnstapEndpoint at, long stallMillis) throws Exception {
        DnstapCollector c = new DnstapCollector(at, a -> asked.add(a.name().toString().toLowerCase(java.util.Locale.ROOT)
                + " " + a.from().getHostAddress()), log::add, stallMillis);
        c.start();
        return c;
    }

    Path captureFile() throws Exception {
        Path f = dir.resolve("capture.fstrm");
        Files.write(f, WriterSessionTest.capture());
        return f;
    }

    static void replay(String... where) throws Exception {
        List<String> argv = new ArrayList<>(List.of("fstrm_replay", "-t", WriterSession.CONTENT_TYPE));
        argv.addAll(List.of(where));
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("fstrm_replay %s finished", argv).isTrue();
        assertThat(p.exitValue()).as("fstrm_replay said: %s", new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void readsTheReferenceWriterOnUnixAndTcpSeveralAtOnceAndAgain() throws Exception {
        requireFstrmReplay();
        Path socket = dir.resolve("dnstap.sock");
        Path capture = captureFile();
        try (DnstapCollector unix = collector(new DnstapEndpoint.Unix(socket), DnstapCollector.STALL_MILLIS);
                DnstapCollector tcp = collector(new DnstapEndpoint.Tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                        DnstapCollector.STALL_MILLIS)) {
            int port = Integer.parseInt(tcp.name().substring(tcp.name().lastIndexOf(':') + 1));
            Thread second = new Thread(() -> {
                try {
                    replay("-u", socket.toString(), "-r", capture.toString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            second.start();
            replay("-u", socket.toString(), "-r", capture.toString());
            second.join();
            replay("-u", socket.toString(), "-r", capture.toString());
            replay("-a", "127.0.0.1", "-p", String.valueOf(port), "-r", capture.toString());

            assertThat(asked).hasSize(4 * 5);
            assertThat(asked).filteredOn(a -> a.equals("id1.leaktest.example. 203.0.113.53")).hasSize(4);
            assertThat(asked).contains("v6id.leaktest.example. 2001:db8:0:0:0:0:0:2");
            assertThat(unix.messages()).isEqualTo(3 * 10);
            assertThat(log).isEmpty();
            assertThat(Files.getPosixFilePermissions(socket)).hasSize(4);
        }
    }

    @Test
    void aGarbageWriterAndAStalledWriterAreDroppedWhileAnotherIsServed() throws Exception {
        requireFstrmReplay();
        Path socket = dir.resolve("dnstap.sock");
        try (DnstapCollector c = collector(new DnstapEndpoint.Unix(socket), 1000);
                SocketChannel garbage = SocketChannel.open(StandardProtocolFamily.UNIX);
                SocketChannel stalled = SocketChannel.open(StandardProtocolFamily.UNIX);
                SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            garbage.connect(UnixDomainSocketAddress.of(socket));
            stalled.connect(UnixDomainSocketAddress.of(socket));
            silent.connect(UnixDomainSocketAddress.of(socket));
            OutputStream g = Channels.newOutputStream(garbage);
            g.write(new byte[] {0, 0, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f});
            OutputStream s = Channels.newOutputStream(stalled);
            s.write(new Control(Control.START, List.of(WriterSession.CONTENT_TYPE)).encode());
            s.write(ByteBuffer.allocate(6).putInt(100).putShort((short) 1).array());

            replay("-u", socket.toString(), "-r", captureFile().toString());
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // the stall timer runs at its own pace
            while ((log.size() < 3 || c.writers() > 0) && System.nanoTime() < end) {
                Thread.sleep(100);
            }

            assertThat(asked).hasSize(5);
            assertThat(log).hasSize(3);
            assertThat(String.join("\n", log)).contains("control frame length").contains("stalled inside a frame")
                    .contains("no Frame Streams handshake");
            assertThat(garbage.read(ByteBuffer.allocate(1))).as("the garbage writer's connection is closed").isEqualTo(-1);
            assertThat(c.writers()).isZero();
            assertThat(c.alive()).isTrue();
        }
    }
}
