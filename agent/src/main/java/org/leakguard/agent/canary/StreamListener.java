package org.leakguard.agent.canary;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A TCP listener with bounded, timed-out connections, one small thread each. At the connection cap
 * the connection that has waited longest for a request makes room for the new one, so idle
 * connections from many addresses cannot lock clients out; past the per-peer cap a new connection
 * is closed at once. A failing accept (no file descriptors left) backs off instead of spinning.
 */
final class StreamListener implements Listener {
    private static final long STACK = 256 * 1024;
    private static final long REAP_EVERY_MILLIS = 250;
    private static final long ACCEPT_BACKOFF_MILLIS = 100;

    /** Serves one connection until it ends; throwing ends only that connection. */
    interface Handler {
        void serve(Connection c) throws IOException;
    }

    private final String kind;
    private final ServerSocket server;
    private final Limits limits;
    private final Handler handler;
    private final Consumer<String> log;
    private final Set<Connection> open = new HashSet<>();
    private final Map<InetAddress, Integer> perPeer = new HashMap<>();
    private final Thread acceptor;
    private final Thread reaper;
    private final InetSocketAddress address;

    StreamListener(String kind, InetSocketAddress bind, Limits limits, Handler handler, Consumer<String> log) throws IOException {
        this.kind = kind;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(bind, 128);
        this.address = (InetSocketAddress) server.getLocalSocketAddress();
        this.limits = limits;
        this.handler = handler;
        this.log = log;
        this.acceptor = Threads.daemon(this::accept, "canary-" + kind + "-accept");
        this.reaper = Threads.daemon(this::reap, "canary-" + kind + "-reaper");
    }

    @Override
    public String name() {
        return kind + " " + Endpoints.show(address());
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void start() {
        acceptor.start();
        reaper.start();
    }

    @Override
    public boolean alive() {
        return !server.isClosed() && acceptor.isAlive() && reaper.isAlive();
    }

    synchronized int connections() {
        return open.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    log.accept("canary: " + name() + " cannot accept (" + e.getMessage() + "); retrying");
                    Threads.sleep(ACCEPT_BACKOFF_MILLIS);
                }
                continue;
            }
            admit(s);
        }
    }

    private void admit(Socket s) {
        Connection c = new Connection(s, limits.idle().toNanos());
        synchronized (this) {
            if (perPeer.getOrDefault(s.getInetAddress(), 0) >= limits.perPeer() || (open.size() >= limits.connections() && !evictOne())) {
                reset(s);
                return;
            }
            open.add(c);
            perPeer.merge(s.getInetAddress(), 1, Integer::sum);
        }
        try {
            s.setSoTimeout((int) limits.idle().toMillis());
            s.setTcpNoDelay(true);
        } catch (IOException e) {
            forget(c);
            return;
        }
        Thread t = new Thread(null, () -> run(c), "canary-" + kind + "-conn", STACK);
        t.setDaemon(true);
        t.start();
    }

    /** Closes the connection that has waited longest for a request, if any is waiting. */
    private boolean evictOne() {
        Optional<Connection> oldest = open.stream().filter(Connection::waiting).min(Comparator.comparingLong(Connection::since));
        oldest.ifPresent(this::dropLocked);
        return oldest.isPresent();
    }

    private void run(Connection c) {
        try {
            handler.serve(c);
        } catch (IOException | RuntimeException e) {
            // The client went away, timed out or sent what the handler refused: only this connection ends.
        } finally {
            forget(c);
        }
    }

    private void reap() {
        while (!server.isClosed()) {
            Threads.sleep(REAP_EVERY_MILLIS);
            long now = System.nanoTime();
            synchronized (this) {
                open.stream().filter(c -> c.overdue(now)).toList().forEach(this::dropLocked);
            }
        }
    }

    private void dropLocked(Connection c) {
        if (open.remove(c)) {
            perPeer.computeIfPresent(c.peer(), (k, n) -> n > 1 ? n - 1 : null);
        }
        c.close();
    }

    private synchronized void forget(Connection c) {
        dropLocked(c);
    }

    private static void reset(Socket s) {
        try (s) {
            s.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (this) {
            new HashSet<>(open).forEach(this::dropLocked);
        }
        acceptor.interrupt();
        reaper.interrupt();
    }
}
