package org.leakguard.agent.canary;

import java.io.Closeable;

/** One serving socket and its threads; /healthz reports {@link #alive} of each. */
interface Listener extends Closeable {
    /** e.g. "dns/udp 127.0.0.1:53", for /healthz and the log. */
    String name();

    void start();

    /** True while every thread that serves the socket runs and the socket is open. */
    boolean alive();
}
