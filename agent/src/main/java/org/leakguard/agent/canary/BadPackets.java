package org.leakguard.agent.canary;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Packets that were dropped or answered with an error instead of served: counted for /healthz,
 * logged at most once per {@link #LOG_EVERY_MILLIS}, so a flood of garbage costs one line, not a
 * full disk.
 */
final class BadPackets {
    static final long LOG_EVERY_MILLIS = 10_000;

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong sinceLog = new AtomicLong();
    private final Consumer<String> log;
    private final Clock clock;
    private volatile long lastLog = Long.MIN_VALUE;

    BadPackets(Consumer<String> log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    void count(String listener, String from, String why) {
        total.incrementAndGet();
        sinceLog.incrementAndGet();
        long now = clock.millis();
        long last = lastLog;
        if (last == Long.MIN_VALUE || now - last >= LOG_EVERY_MILLIS) {
            synchronized (this) {
                if (lastLog != last) {
                    return;
                }
                lastLog = now;
            }
            long n = sinceLog.getAndSet(0);
            log.accept("canary: dropped a bad packet on " + listener + " from " + from + ": " + Text.printable(why)
                    + (n > 1 ? " (" + n + " bad packets since the last line)" : ""));
        }
    }

    long total() {
        return total.get();
    }
}
