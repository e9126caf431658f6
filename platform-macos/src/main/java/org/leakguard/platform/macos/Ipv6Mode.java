package org.leakguard.platform.macos;

import java.util.Locale;

/** A service's "Configure IPv6" choice, as {@code networksetup -getinfo} names it on its {@code IPv6:} line. */
enum Ipv6Mode {
    AUTOMATIC,
    MANUAL,
    LINK_LOCAL,
    OFF,
    /** No {@code IPv6:} line at all: the service (some VPNs, bridges) has no IPv6 configuration. */
    NONE,
    /** A word this version does not know: never changed, since undo could not put it back. */
    UNKNOWN;

    static Ipv6Mode of(String word) {
        String w = word.strip().toLowerCase(Locale.ROOT);
        if (w.startsWith("automatic")) {
            return AUTOMATIC;
        }
        if (w.startsWith("manual")) {
            return MANUAL;
        }
        if (w.startsWith("link")) {
            return LINK_LOCAL;
        }
        if (w.equals("off")) {
            return OFF;
        }
        return UNKNOWN;
    }
}
