package org.leakguard.platform.linux;

import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/**
 * protectFromOverwrite: the settings that keep NetworkManager, systemd-networkd, dhclient, dhcpcd
 * and resolvconf from bringing the resolvers DHCP and router advertisements offer back.
 */
final class Protection {
    /** systemd-resolved's stub listener. */
    static final String RESOLVED_STUB = "127.0.0.53";

    private Protection() {}

    /** Adds the changes; they come before the resolv.conf write, so undo restores that file first. */
    static void plan(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        NetworkManagerPlan.plan(want, seen, changes, findings);
        NetworkdPlan.plan(seen.networkd(), changes, findings);
        if (seen.dhcpDir()) {
            planDhclient(want, seen, changes, findings);
        }
        planDhcpcd(seen.dhcpcd(), changes);
        planResolvconf(want, seen, changes, findings);
    }

    /**
     * The enter hook holds against the dhclient already running; the supersede statements hold
     * against the next one started, which may run without the hook (another dhclient-script).
     */
    private static void planDhclient(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        if (!DhclientHook.TEXT.equals(seen.dhclientHook())) {
            changes.add(WriteFileInFolder.of(DhclientHook.PATH, DhclientHook.TEXT,
                    "the dhclient already running stops rewriting " + ResolvConf.PATH
                            + " at its next lease event (dhclient-script sources this hook every time)"));
        }
        List<String> v4 = ResolversControl.ipv4Servers(want);
        if (v4.isEmpty()) {
            findings.add(Finding.warning("resolvers.servers has no IPv4 address, so dhclient's"
                    + " domain-name-servers cannot be superseded; only the enter hook keeps dhclient-script"
                    + " from rewriting " + ResolvConf.PATH));
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
                        + " with the pinned ones when it next starts; other lines are kept"));
    }

    private static void planDhcpcd(DhcpcdState dhcpcd, List<Change> changes) {
        if (!dhcpcd.installed()) {
            return;
        }
        String merged = DhcpcdHook.merge(dhcpcd.enterHook());
        if (!merged.equals(dhcpcd.enterHook())) {
            changes.add(WriteFile.text(DhcpcdHook.PATH, merged, dhcpcd.enterHook() == null ? Integer.valueOf(0644) : null,
                    "dhcpcd, running or not, skips its resolv.conf hook at every DHCP and router advertisement"
                            + " event (dhcpcd-run-hooks sources this first); other lines are kept"));
        }
    }

    /**
     * openresolv rewrites /etc/resolv.conf itself on every DHCP event, so its configuration must
     * name only the pinned servers. Debian's resolvconf writes only /run/resolvconf/resolv.conf:
     * the plain /etc/resolv.conf is what stops it, and its resolv.conf.d/head and base could only
     * add lines, never drop the ones DHCP brings.
     */
    private static void planResolvconf(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        ResolvconfState rc = seen.resolvconf();
        if (rc.flavor() == ResolvconfFlavor.DEBIAN && seen.owner() != ResolvOwner.SYSTEMD_RESOLVED) {
            findings.add(Finding.info("Debian resolvconf (" + rc.evidence() + ") writes only /run/resolvconf/resolv.conf"
                    + " and reaches " + ResolvConf.PATH + " through a symlink; a plain file keeps the DHCP-offered"
                    + " servers out (its resolv.conf.d/head and base only add lines)"));
        }
        if (rc.flavor() != ResolvconfFlavor.OPENRESOLV || !rc.installed()) {
            return;
        }
        String merged = OpenresolvConf.merge(rc.openresolvConf(), openresolvServers(want, seen), want.searchDomains());
        if (merged.equals(rc.openresolvConf())) {
            return;
        }
        if (rc.openresolvConf() == null) {
            findings.add(Finding.info("openresolv reads " + OpenresolvConf.PATH + " from now on, instead of the"
                    + " /etc/resolvconf/ layout it fell back to"));
        }
        changes.add(WriteFile.text(OpenresolvConf.PATH, merged, rc.openresolvConf() == null ? Integer.valueOf(0644) : null,
                "openresolv writes only " + openresolvServers(want, seen)
                        + (want.searchDomains().isEmpty() ? "" : " and search " + want.searchDomains())
                        + " into " + ResolvConf.PATH + ", whatever DHCP offers (resolv_conf_passthrough=NULL);"
                        + " other lines are kept"));
    }

    /** Behind resolved's stub, openresolv names the stub: resolved then applies ~. and DNS over TLS. */
    private static List<String> openresolvServers(Resolvers want, ResolvState seen) {
        if (seen.owner() == ResolvOwner.SYSTEMD_RESOLVED && !ResolvedPlan.isUplinkMode(seen)) {
            return List.of(RESOLVED_STUB);
        }
        return want.servers().stream().map(Addresses::withScope).toList();
    }
}
