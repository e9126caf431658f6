package org.leakguard.agent.policy;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * The captive-portal window this policy allows: {@code agent portal open --for D} lets the
 * network's own (DHCP-given) resolvers answer for at most {@code maxWindow}, then the window
 * closes by itself. A policy without this section allows no window.
 */
public record Portal(
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration maxWindow) {

    public static final Duration DEFAULT_MAX = Duration.ofMinutes(10);
    public static final Duration LEAST = Duration.ofMinutes(1);
    public static final Duration MOST = Duration.ofHours(1);

    public Portal {
        maxWindow = maxWindow == null ? DEFAULT_MAX : maxWindow;
    }
}
