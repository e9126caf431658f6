package org.leakguard.agent.canary;

import java.util.Map;

/** Each listener's state ("serving" or "stopped"), bad packets and dnstap messages counted so far. */
record Health(Map<String, String> listeners, long badPackets, long dnstapMessages) {
    Health {
        listeners = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(listeners));
    }

    boolean healthy() {
        return listeners.values().stream().allMatch("serving"::equals);
    }
}
