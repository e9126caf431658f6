package org.leakguard.agent.canary.dnstap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.leakguard.agent.canary.Threads;

/**
 * Listens for dnstap writers on a unix or TCP socket, one thread per writer, at most
 * {@link #MAX_WRITERS} at once; writers may come, go and come back. A writer that breaks the
 * protocol, offers another content type, sends what is not dnstap, or stalls inside a frame or the
 * handshake for {@link #STALL_MILLIS} loses its connection, with one log line; the others go on.
 */
public final class DnstapCollector implements AutoCloseable {
    static final int MAX_WRITERS = 64;
    static final long STALL_MILLIS = 10_000;
    private final long stallMillis;
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    private final DnstapEndpoint endpoint;
    private final ServerSocketChannel server;
    private final Consumer<Asked> sink;
    private final Consumer<String> log;
    private final LongAdder messages = new LongAdder();
    private final Set<Writer> writers = new HashSet<>();
    private final Thread acceptor;
    private final Thread reaper;

    /** One connected writer: its channel, its reader and session, and when it connected. */
    private record Writer(SocketChannel channel, FrameReader reader, WriterSession session, long since) {}

    public DnstapCollector(DnstapEndpoint endpoint, Consumer<Asked> sink, Consumer<String> log) throws IOException {
        this(endpoint, sink, log, STALL_MILLIS);
    }

    DnstapCollector(DnstapEndpoint endpoint, Consumer<Asked> sink, Consumer<String> log, long stallMillis) throws IOException {
        this.endpoint = endpoint;
        this.stallMillis = stallMillis;
        this.sink = sink;
        this.log = log;
        if (endpoint instanceof DnstapEndpoint.Unix unix) {
            removeStaleSocket(unix.path());
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(unix.path()));
            Files.setPosixFilePermissions(unix.path(), PosixFilePermissions.fromString("rw-rw----"));
        } else {
            InetSocketAddress at = ((DnstapEndpoint.Tcp) endpoint).address();
            server = ServerSocketChannel.open(at.getAddress() instanceof java.net.Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            server.bind(at);
        }
        this.acceptor = Threads.daemon(this::accept, "dnstap-accept");
        this.reaper = Threads.daemon(this::reap, "dnstap-reaper");
    }

    /** A socket file left by an earlier run is replaced; any other file at the path is refused. */
    private static void removeStaleSocket(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()) {
                throw new IOException("--dnstap " + path + " exists and is not a socket; give a path for the socket to create");
            }
            Files.delete(path);
        }
    }

    public String name() {
        return "dnstap " + (endpoint instanceof DnstapEndpoint.Tcp ? "tcp:" + addressText() : endpoint.toString());
    }

    private String addressText() {
        try {
            InetSocketAddress a = (InetSocketAddress) server.getLocalAddress();
            String host = a.getAddress().getHostAddress();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
        } catch (IOException e) {
            return endpoint.toString();
        }
    }

    public void start() {
        acceptor.start();
        reaper.start();
    }

    public boolean alive() {
        return server.isOpen() && acceptor.isAlive() && reaper.isAlive();
    }

    /** Data frames read so far, from every writer. */
    public long messages() {
        return messages.sum();
    }

    public synchronized int writers() {
        return writers.size();
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.accept("canary: " + name() + " cannot accept (" + e.getMessage() + "); retrying");
                    Threads.sleep(ACCEPT_BACKOFF_MILLIS);
                }
                continue;
            }
            admit(c);
        }
    }

    private void admit(SocketChannel c) {
        FrameReader reader = new FrameReader(new BufferedInputStream(Channels.newInputStream(c), 65536));
        Writer w = new Writer(c, reader, new WriterSession(reader, Channels.newOutputStream(c), sink, messages), System.nanoTime());
        synchronized (this) {
            if (writers.size() >= MAX_WRITERS) {
                log.accept("canary: " + name() + " has " + MAX_WRITERS + " writers; refused one more");
                close(c);
                return;
            }
            writers.add(w);
        }
        Threads.daemon(() -> serve(w), "dnstap-writer").start();
    }

    private void serve(Writer w) {
        try {
            w.session().run();
        } catch (FrameException e) {
            log.accept("canary: " + name() + " dropped a writer: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (w.channel().isOpen()) {
                log.accept("canary: " + name() + " dropped a writer: " + e);
            }
        } finally {
            synchronized (this) {
                writers.remove(w);
            }
            close(w.channel());
        }
    }

    /**
     * Closes writers that have not finished the handshake within the stall time of
     * connecting, or that sat inside one frame from one look to the next.
     */
    private void reap() {
        java.util.Map<Writer, Long> midFrameBefore = new java.util.HashMap<>();
        while (server.isOpen()) {
            Threads.sleep(stallMillis / 2);
            long now = System.nanoTime();
            java.util.Map<Writer, Long> midFrameNow = new java.util.HashMap<>();
            java.util.List<Writer> all;
            synchronized (this) {
                all = java.util.List.copyOf(writers);
            }
            for (Writer w : all) {
                if (!w.session().started() && now - w.since() > stallMillis * 1_000_000) {
                    drop(w, "no Frame Streams handshake within " + stallMillis + " ms");
                } else if (w.reader().midFrame()) {
                    Long before = midFrameBefore.get(w);
                    if (before != null && before == w.reader().frames()) {
                        drop(w, "stalled inside a frame for " + stallMillis / 2 + " ms");
                    } else {
                        midFrameNow.put(w, w.reader().frames());
                    }
                }
            }
            midFrameBefore = midFrameNow;
        }
    }

    private void drop(Writer w, String why) {
        log.accept("canary: " + name() + " dropped a writer: " + why);
        close(w.channel());
    }

    private static void close(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // Gone already.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (this) {
            writers.forEach(w -> close(w.channel()));
        }
        if (endpoint instanceof DnstapEndpoint.Unix unix) {
            Files.deleteIfExists(unix.path());
        }
    }
}
