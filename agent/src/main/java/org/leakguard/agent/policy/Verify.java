package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

/** How apply and check prove the result with real traffic. */
public record Verify(
        Boolean probes,
        @JsonDeserialize(contentUsing = IpLiteralDeserializer.class) List<InetAddress> forbidden,
        Canary canary,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
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
