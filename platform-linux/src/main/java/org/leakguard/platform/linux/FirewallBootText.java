package org.leakguard.platform.linux;

import java.util.List;

/** The text of leakguard's boot unit, its drop-in and the headers of its rule files. */
final class FirewallBootText {
    static final String NFT_HEADER = "# Managed by leakguard: its DNS leak table, loaded at boot. Written by apply, removed by rollback;\n"
            + "# an edit here is seen by agent check and replaced on the next apply.\n";

    static final String IPTABLES_HEADER = "# Managed by leakguard: its DNS leak chains, loaded at boot with iptables-restore --noflush.\n"
            + "# Written by apply, removed by rollback.\n";

    static final String ROUTES_HEADER = "# Managed by leakguard: its policy-routing rules, which no nft flush touches, added at boot\n"
            + "# with ip -force -batch. Written by apply, removed by rollback.\n";

    static final String DROP_IN = "# Managed by leakguard: pulls its firewall unit into every boot.\n"
            + "[Unit]\nWants=leakguard-firewall.service\n";

    private FirewallBootText() {}

    /** Ordered like Debian's nftables.service: before network-pre.target, outside the default dependencies. */
    static String unit(List<String> execStart) {
        StringBuilder out = new StringBuilder("# Managed by leakguard: loads its DNS leak rules before any network is up.\n"
                + "# Started through " + BootFiles.DROP_IN + "; both removed by rollback.\n"
                + "[Unit]\n"
                + "Description=leakguard DNS leak firewall\n"
                + "DefaultDependencies=no\n"
                + "Wants=network-pre.target\n"
                + "Before=network-pre.target shutdown.target\n"
                + "Conflicts=shutdown.target\n"
                + "\n[Service]\n"
                + "Type=oneshot\n"
                + "RemainAfterExit=yes\n");
        // No ExecStop: stopping the unit must not open the firewall; only rollback removes the rules.
        execStart.forEach(e -> out.append("ExecStart=").append(e).append('\n'));
        return out.toString();
    }
}
