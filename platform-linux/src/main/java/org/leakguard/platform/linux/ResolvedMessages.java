package org.leakguard.platform.linux;

import java.util.List;

/** What leakguard says about systemd-resolved: one place, so plan and tests agree on the words. */
final class ResolvedMessages {
    static final String RESTART = "systemd-resolved reads the drop-in only when it starts";

    private ResolvedMessages() {}

    static String pins(List<String> servers) {
        return ResolvedDropIn.PATH + " pins " + servers + " for every domain (Domains=~.), so per-link"
                + " DHCP servers are not asked";
    }

    static String write(List<String> servers) {
        return "systemd-resolved asks only " + servers + " for every domain (DNS=, Domains=~.), without the"
                + " compiled-in fallback, LLMNR or mDNS";
    }

    static String noRestart(boolean offline) {
        return offline
                ? RESTART + ": it takes effect when this image boots"
                : RESTART + " and systemd is not running here (no " + HostReads.SYSTEMD_RUNNING
                        + "): restart systemd-resolved by hand, or the old servers stay in use until then";
    }

    static String overridden(String path, List<String> keys) {
        return path + " is read after " + ResolvedDropIn.PATH + " and sets " + keys
                + ", which adds to or replaces the pinned settings; remove those lines or the file";
    }

    static String uplinkMode() {
        return ResolvConf.PATH + " points at systemd-resolved's uplink list, which names the per-link (DHCP)"
                + " servers and lets programs bypass resolved; it is replaced by a plain file pinning the resolvers";
    }
}
