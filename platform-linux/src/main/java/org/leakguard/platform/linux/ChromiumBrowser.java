package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;

/**
 * The Chromium-family browsers and the folder whose {@code policies/managed} files their Linux
 * builds read (REFERENCE 2.1). Every channel of one browser (stable, beta, dev) shares the folder.
 */
enum ChromiumBrowser {
    CHROME("Google Chrome", "/etc/opt/chrome",
            "/opt/google/chrome/chrome", "/opt/google/chrome-beta/chrome", "/opt/google/chrome-unstable/chrome"),
    CHROMIUM("Chromium", "/etc/chromium",
            "/usr/bin/chromium", "/usr/lib/chromium/chromium"),
    EDGE("Microsoft Edge", "/etc/opt/edge",
            "/opt/microsoft/msedge/msedge", "/opt/microsoft/msedge-beta/msedge", "/opt/microsoft/msedge-dev/msedge"),
    BRAVE("Brave", "/etc/brave",
            "/opt/brave.com/brave/brave", "/opt/brave.com/brave-beta/brave", "/opt/brave.com/brave-nightly/brave");

    private final String label;
    private final String configDir;
    private final List<String> binaries;

    ChromiumBrowser(String label, String configDir, String... binaries) {
        this.label = label;
        this.configDir = configDir;
        this.binaries = List.of(binaries);
    }

    String label() {
        return label;
    }

    /** Every file here is read and merged; the last name in byte order wins a conflict. */
    String managedDir() {
        return configDir + "/policies/managed";
    }

    String leakguardFile() {
        return managedDir() + "/" + ChromiumPolicy.FILE;
    }

    /**
     * Paths whose presence means the browser is installed: its binaries, or its configuration
     * folder (which an admin creates to manage it, and Debian's chromium package ships).
     */
    List<String> evidence() {
        List<String> all = new ArrayList<>(binaries);
        all.add(configDir);
        return all;
    }
}
