package org.leakguard.platform.linux;

/** Which resolvconf implementation a host has; they read different configuration. */
enum ResolvconfFlavor {
    /** Roy Marples' openresolv: reads /etc/resolvconf.conf and writes /etc/resolv.conf itself. */
    OPENRESOLV("openresolv"),
    /** Debian's resolvconf: writes /run/resolvconf/resolv.conf, which /etc/resolv.conf must link to. */
    DEBIAN("Debian resolvconf"),
    NONE("no resolvconf");

    private final String label;

    ResolvconfFlavor(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
