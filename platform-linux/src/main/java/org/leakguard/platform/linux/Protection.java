package org.leakguard.platform.linux;

import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/** protectFromOverwrite: the settings that keep dhclient and NetworkManager off resolv.conf. */
final class Protection {
    private Protection() {}

    /** Adds the changes; they come before the resolv.conf write, so undo restores that file first. */
    static void plan(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        if (seen.networkManagerDir()) {
            planNetworkManager(seen, changes, findings);
        }
        if (seen.dhcpDir()) {
            planDhclient(want, seen, changes, findings);
        }
    }

    private static void planNetworkManager(ResolvState seen, List<Change> changes, List<Finding> findings) {
        if (ResolversControl.NM_CONF_TEXT.equals(seen.networkManagerConf())) {
            return;
        }
        changes.add(WriteFile.text(ResolversControl.NM_CONF, ResolversControl.NM_CONF_TEXT, 0644,
                "NetworkManager stops writing /etc/resolv.conf (dns=none)"));
        findings.add(Finding.info("NetworkManager reads dns=none at its next reload or restart:"
                + " run `systemctl reload NetworkManager` so it cannot rewrite /etc/resolv.conf before then"));
    }

    private static void planDhclient(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        List<String> v4 = ResolversControl.ipv4Servers(want);
        if (v4.isEmpty()) {
            findings.add(Finding.warning("resolvers.servers has no IPv4 address, so dhclient's"
                    + " domain-name-servers cannot be superseded; dhclient-script may still rewrite /etc/resolv.conf"));
        }
        if (DhclientConf.statements(v4, want.searchDomains()).isEmpty()) {
            return;
        }
        String merged = DhclientConf.merge(seen.dhclientConf(), v4, want.searchDomains());
        if (merged.equals(seen.dhclientConf())) {
            return;
        }
        Integer mode = seen.dhclientConf() == null ? Integer.valueOf(0644) : null;
        changes.add(WriteFile.text(DhclientConf.PATH, merged, mode,
                "dhclient supersedes the DHCP-offered DNS servers"
                        + (want.searchDomains().isEmpty() ? "" : " and search list")
                        + " with the pinned ones; other lines are kept"));
    }
}
