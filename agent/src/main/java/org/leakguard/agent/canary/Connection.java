package org.leakguard.agent.canary;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * One accepted stream connection. A handler calls {@link #awaitRequest} before reading a request
 * and {@link #busy} once it has one; {@link StreamListener} closes a connection whose current
 * step outlives its deadline, so a client that trickles bytes (slowloris) or never reads its
 * answers holds a thread for one idle period at most.
 */
final class Connection {
    private final Socket socket;
    private final long idleNanos;
    private volatile boolean waiting = true;
    private volatile long since = System.nanoTime();

    Connection(Socket socket, long idleNanos) {
        this.socket = socket;
        this.idleNanos = idleNanos;
    }

    InetAddress peer() {
        return socket.getInetAddress();
    }

    InputStream in() throws IOException {
        return socket.getInputStream();
    }

    OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    void awaitRequest() {
        since = System.nanoTime();
        waiting = true;
    }

    void busy() {
        since = System.nanoTime();
        waiting = false;
    }

    boolean waiting() {
        return waiting;
    }

    long since() {
        return since;
    }

    boolean overdue(long now) {
        return now - since > idleNanos;
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that was asked; the handler's thread sees the closed socket.
        }
    }
}
