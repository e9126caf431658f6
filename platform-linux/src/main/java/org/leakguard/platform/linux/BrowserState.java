package org.leakguard.platform.linux;

import java.util.List;

/** What the browsers control read: each Chromium-family browser's policy folder, and Firefox. */
record BrowserState(List<ChromiumFolder> chromium, FirefoxState firefox) {
    BrowserState {
        chromium = List.copyOf(chromium);
    }
}
