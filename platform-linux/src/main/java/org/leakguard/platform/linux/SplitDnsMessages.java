package org.leakguard.platform.linux;

import java.util.List;

/** Why a host cannot route names by domain, in one place so check, apply's refusal and tests agree. */
final class SplitDnsMessages {
    static final String STUB = "127.0.0.53";
    static final String STUB_FILE = "/run/systemd/resolve/stub-resolv.conf";
    private static final String NEEDS = "resolvers.routes: routing names by domain needs a local stub resolver that sends"
            + " each domain's names to its own servers (glibc's resolv.conf has one server list for every name);"
            + " leakguard uses systemd-resolved's stub " + STUB + " for it, ";

    private SplitDnsMessages() {}

    /** Why routing cannot be set up here, or null when resolved's stub is the host's resolver. */
    static String unavailable(List<String> chain, String text, boolean offline, boolean installed) {
        ResolvOwner owner = ResolvConf.parseOwner(chain, text, false);
        if (owner != ResolvOwner.SYSTEMD_RESOLVED) {
            return NEEDS + (installed
                    ? "which is installed but is not the host's resolver: " + ResolvConf.PATH + " is written by "
                            + owner.label() + "; link it to " + STUB_FILE + " and start systemd-resolved"
                    : "which this host lacks (no " + String.join(" or ", SplitDnsReads.DAEMON) + "; " + ResolvConf.PATH
                            + " is written by " + owner.label() + "); install systemd-resolved and link "
                            + ResolvConf.PATH + " to " + STUB_FILE);
        }
        if (offline) {
            return NEEDS + "whose per-link routing is runtime state of the running daemon: an offline image (--root)"
                    + " has none to set; apply the policy on the running host";
        }
        if (text == null) {
            return NEEDS + "which is not running: " + ResolvConf.PATH + " links to " + String.join(" -> ", chain)
                    + ", which does not exist; start systemd-resolved";
        }
        List<String> servers = ResolvConf.parseNameservers(text);
        if (!servers.equals(List.of(STUB))) {
            return NEEDS + "but " + ResolvConf.PATH + " names " + servers + " instead of the stub alone, so programs"
                    + " ask those servers directly and no name is routed; link it to " + STUB_FILE;
        }
        return null;
    }

    static String noBus(String detail) {
        return NEEDS + "which does not answer on the system bus (" + String.join(" ", ResolvedBus.READ.subList(0, 3))
                + "...: " + detail + "); start systemd-resolved";
    }
}
