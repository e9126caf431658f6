package org.leakguard.agent.canary;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.xbill.DNS.Name;

/** What {@code agent canary serve} listens on and answers. */
public record CanaryConfig(Name zone, InetSocketAddress dns, InetSocketAddress http, InetAddress answer, Duration ttl, int maxIds) {
    public CanaryConfig {
        if (maxIds < 1) {
            throw new IllegalArgumentException("--max-ids must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("--ttl must be positive");
        }
    }
}
