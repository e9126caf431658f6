package org.leakguard.platform.macos;

/**
 * The Chromium-family browsers: where the app bundle is and the preference domain a
 * configuration profile must carry for their policies to be mandatory (REFERENCE 2.1).
 */
enum MacBrowser {
    CHROME("Google Chrome", "/Applications/Google Chrome.app", "com.google.Chrome"),
    EDGE("Microsoft Edge", "/Applications/Microsoft Edge.app", "com.microsoft.Edge"),
    BRAVE("Brave", "/Applications/Brave Browser.app", "com.brave.Browser"),
    CHROMIUM("Chromium", "/Applications/Chromium.app", "org.chromium.Chromium");

    private final String label;
    private final String app;
    private final String domain;

    MacBrowser(String label, String app, String domain) {
        this.label = label;
        this.app = app;
        this.domain = domain;
    }

    String label() {
        return label;
    }

    String app() {
        return app;
    }

    String domain() {
        return domain;
    }
}
