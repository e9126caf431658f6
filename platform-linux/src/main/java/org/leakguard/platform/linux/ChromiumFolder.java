package org.leakguard.platform.linux;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the browsers control read for one Chromium-family browser.
 *
 * @param evidence the browser's binaries and configuration folder that exist; empty when it is not installed
 * @param files every readable file in its managed policy folder, name to text, in name order
 */
record ChromiumFolder(ChromiumBrowser browser, List<String> evidence, Map<String, String> files) {
    ChromiumFolder {
        evidence = List.copyOf(evidence);
        files = Collections.unmodifiableMap(new TreeMap<>(files));
    }

    boolean installed() {
        return !evidence.isEmpty();
    }
}
