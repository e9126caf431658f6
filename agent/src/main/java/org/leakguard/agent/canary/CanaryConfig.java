package org.leakguard.agent.canary;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.canary.dnstap.DnstapEndpoint;
import org.xbill.DNS.Name;

/**
 * What {@code agent canary serve} listens on and answers. {@code dns} is empty when the zone's
 * queries are only read from the dnstap streams of the servers that answer it.
 */
public record CanaryConfig(Name zone, Optional<InetSocketAddress> dns, List<DnstapEndpoint> dnstap, InetSocketAddress http,
        InetAddress answer, Duration ttl, int maxIds) {
    /** Fits a VM with 512 MiB: see {@link HeapBudget}. */
    public static final int DEFAULT_MAX_IDS = 50_000;

    public CanaryConfig {
        dnstap = List.copyOf(dnstap);
        if (dns.isEmpty() && dnstap.isEmpty()) {
            throw new IllegalArgumentException("give --dns, --dnstap or both: with neither nothing would be observed");
        }
        if (maxIds < 1) {
            throw new IllegalArgumentException("--max-ids must be at least 1");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("--ttl must be positive");
        }
    }
}
