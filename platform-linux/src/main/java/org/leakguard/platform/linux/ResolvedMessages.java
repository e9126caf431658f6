package org.leakguard.platform.linux;

import java.util.List;

/** What leakguard says about systemd-resolved: one place, so plan and tests agree on the words. */
final class ResolvedMessages {
    static final String RESTART = "systemd-resolved reads the drop-in only when it starts";
    static final String STALE = "the running systemd-resolved still uses the settings it read before the drop-in";
    static final String NOT_RUNNING = "systemd-resolved is not running (its name org.freedesktop.resolve1 is not on the"
            + " system bus)";

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

    static String noBus(String detail) {
        return "the system bus does not answer (" + String.join(" ", ResolvedBus.HAS_OWNER.subList(0, 3)) + "...: " + detail
                + "), so whether systemd-resolved runs, and with which settings, is not known";
    }

    static String noAnswer(String detail) {
        return "systemd-resolved is on the system bus but did not answer (" + String.join(" ", ResolvedBus.READ_GLOBAL.subList(0, 3))
                + "...: " + detail + "), as while it restarts, so which settings it holds is not known";
    }

    static String unsettled(int attempts) {
        return "systemd-resolved's server list changed while its links were read, " + attempts
                + " times running (a link being set up), so which servers it holds globally is not known";
    }

    /** The drop-in is right and the daemon does not run: it reads the drop-in when it starts. */
    static String stopped() {
        return "judged from the file " + ResolvedDropIn.PATH + " alone: " + NOT_RUNNING + "; it reads the drop-in when it starts";
    }

    /** The drop-in is right and whether the daemon runs is not known; {@code systemd}: whether systemd restarts it. */
    static String unread(String why, boolean systemd) {
        return "judged from the file " + ResolvedDropIn.PATH + " alone: " + why + (systemd ? "" : "; no systemd runs here"
                + " to restart systemd-resolved after the drop-in was written (no " + HostReads.SYSTEMD_RUNNING + "), so if it"
                + " runs it keeps the servers it had until it is restarted by hand");
    }

    /** The other settings match; the scoped servers are listed under their link and could not be compared. */
    static String scopedNotCompared(List<String> scoped) {
        return "the running systemd-resolved holds the drop-in's other settings (read over D-Bus), but the servers " + scoped
                + " were not compared: with a scope, resolved lists them under their link, among the link's own (DHCP) servers";
    }

    /** The daemon started after the drop-in was written and holds other settings: a restart would not change that. */
    static String differsAfterStart(List<String> differences, java.time.Instant started, java.time.Instant written) {
        return "the running systemd-resolved holds " + String.join("; ", differences) + " (read over D-Bus) although it"
                + " started (" + started + ") after " + ResolvedDropIn.PATH + " was written (" + written + "), so a restart"
                + " would not change it; run `systemd-analyze cat-config systemd/resolved.conf` to see which settings it"
                + " reads, and fix them or the policy";
    }

    static String stubs(List<String> stubs) {
        return "resolvers.servers lists " + stubs + ", systemd-resolved's own stub listeners, which it drops from DNS= (asking"
                + " itself would loop); they are left out of " + ResolvedDropIn.PATH;
    }

    static String onlyStubs(List<String> stubs) {
        return "resolvers.servers lists only " + stubs + ", systemd-resolved's own stub listeners, which cannot be a pinned"
                + " server under systemd-resolved: it drops them from DNS= (asking itself would loop), so the pin would hold no"
                + " server and the per-link (DHCP) servers would answer every name; nothing was changed. Pin the resolvers the"
                + " stub should forward to instead (an upstream resolver, or a local one such as 127.0.0.1)";
    }

    static String inEffect() {
        return "the running systemd-resolved uses the drop-in's settings (read over D-Bus: "
                + String.join(", ", ResolvedBus.READ_GLOBAL.subList(6, ResolvedBus.READ_GLOBAL.size())) + ")";
    }

    /**
     * The drop-in is right but the running daemon holds other settings.
     *
     * @param remedy {@link Remedy#APPLY} where apply's restart fixes it
     */
    static String notInEffect(List<String> differences, Remedy remedy) {
        return ResolvedDropIn.PATH + " is not in effect: the running systemd-resolved holds " + String.join("; ", differences)
                + " (read over D-Bus), so the pin does not hold until it restarts; " + remedy.text;
    }

    /** What to do about a drop-in that is not in effect. */
    enum Remedy {
        APPLY("run `agent apply` again, which restarts it (systemctl restart systemd-resolved)"),
        BY_HAND("restart systemd-resolved (no systemd runs here to do it: no " + HostReads.SYSTEMD_RUNNING
                + "), then run check again"),
        OVERRIDDEN("remove the overriding settings named above, then restart systemd-resolved");

        private final String text;

        Remedy(String text) {
            this.text = text;
        }
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
