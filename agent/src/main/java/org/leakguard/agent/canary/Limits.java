package org.leakguard.agent.canary;

import java.time.Duration;

/**
 * How many connections one stream listener holds: at most {@code connections} at once, at most
 * {@code perPeer} from one address, and each must send a whole request within {@code idle} of
 * its last answer (or its accept), else it is closed.
 */
record Limits(int connections, int perPeer, Duration idle) {
    /** DNS over TCP: RFC 7766 asks for an idle timeout of seconds and pipelined queries. */
    static final Limits DNS_TCP = new Limits(256, 16, Duration.ofSeconds(10));
    /** The HTTP API: one request per connection, answered at once. */
    static final Limits HTTP = new Limits(128, 16, Duration.ofSeconds(5));

    Limits {
        if (connections < 1 || perPeer < 1 || idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("connection limits must be positive: " + connections + ", " + perPeer + ", " + idle);
        }
    }
}
