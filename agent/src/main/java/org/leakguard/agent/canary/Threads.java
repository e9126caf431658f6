package org.leakguard.agent.canary;

/** The listeners' and collectors' small thread needs: daemon threads, and naps that keep an interrupt. */
public final class Threads {
    private Threads() {}

    /** A daemon thread, so a listener left running never keeps the JVM alive. */
    public static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Sleeps, and on an interrupt returns at once with the thread's interrupt flag set again. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
