package org.leakguard.agent.spi;

import java.util.List;

/**
 * One topic of {@code agent diagnose}: what was looked at, the verdict in a line, and the
 * evidence a person can check by hand.
 */
public record Diagnosis(String topic, Finding.Severity severity, String summary, List<String> evidence) {
    public Diagnosis {
        evidence = List.copyOf(evidence);
    }
}
