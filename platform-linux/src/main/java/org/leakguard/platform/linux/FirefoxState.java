package org.leakguard.platform.linux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the browsers control read for Firefox.
 *
 * @param evidence Firefox binaries and /etc/firefox that exist; empty when Firefox is not installed
 * @param system {@value FirefoxPolicies#SYSTEM}, or null when absent
 * @param distributions each install's distribution/policies.json that exists, path to text
 */
record FirefoxState(List<String> evidence, String system, Map<String, String> distributions) {
    FirefoxState {
        evidence = List.copyOf(evidence);
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
    }

    boolean installed() {
        return !evidence.isEmpty() || system != null;
    }
}
