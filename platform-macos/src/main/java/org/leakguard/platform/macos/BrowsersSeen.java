package org.leakguard.platform.macos;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the browsers control read.
 *
 * @param chromium the Chromium-family browsers whose app bundle is there
 * @param firefoxPrefs the computer-level org.mozilla.firefox domain as cfprefsd serves it ({@code defaults export}), or null when it has no key
 * @param firefoxProblem why that domain could not be read (then it is left alone), or null
 * @param bundlePolicies whether a policies.json sits inside Firefox.app (read, never written)
 * @param profiles identifiers {@code profiles list} showed, or null when unreadable ({@code profilesProblem})
 */
record BrowsersSeen(List<MacBrowser> chromium, boolean firefox, Map<String, Object> firefoxPrefs, String firefoxProblem,
        boolean bundlePolicies, Set<String> profiles, String profilesProblem) {
    BrowsersSeen {
        chromium = List.copyOf(chromium);
    }
}
