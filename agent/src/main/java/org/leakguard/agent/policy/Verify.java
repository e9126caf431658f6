package org.leakguard.agent.policy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** How apply and check prove the result with real traffic. */
public record Verify(
        Boolean probes,
        List<InetAddress> forbidden,
        Canary canary,
        Duration timeout,
        OnFailure onFailure,
        Boolean probePublicDoh) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    public Verify {
        probes = probes == null ? Boolean.TRUE : probes;
        forbidden = forbidden == null ? List.of() : List.copyOf(forbidden);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        onFailure = onFailure == null ? OnFailure.ROLLBACK : onFailure;
        probePublicDoh = probePublicDoh == null ? Boolean.FALSE : probePublicDoh;
    }

    public static Verify defaults() {
        return new Verify(null, null, null, null, null, null);
    }
}
