package org.leakguard.platform.macos;

import java.util.List;
import java.util.Set;

/**
 * What the browsers control read.
 *
 * @param chromium the Chromium-family browsers whose app bundle is there
 * @param firefoxPolicies the bundle's policies.json, or null when absent
 * @param profiles identifiers {@code profiles list} showed, or null when unreadable ({@code profilesProblem})
 */
record BrowsersSeen(List<MacBrowser> chromium, boolean firefox, String firefoxPolicies, Set<String> profiles,
        String profilesProblem) {
    BrowsersSeen {
        chromium = List.copyOf(chromium);
    }
}
