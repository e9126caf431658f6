package org.leakguard.platform.linux;

/** What leakguard says while systemd-resolved support is not written yet. */
final class ResolvedMessages {
    static final String NOT_YET = "systemd-resolved manages /etc/resolv.conf; leakguard does not yet write"
            + " resolved drop-ins (/etc/systemd/resolved.conf.d/), so it leaves the link alone rather than"
            + " break resolved; the firewall section still closes the leak (plainDns: block-others)";

    private ResolvedMessages() {}
}
