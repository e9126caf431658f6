package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.policy.Resolvers;
import org.leakguard.agent.spi.Finding;

/** protectFromOverwrite for NetworkManager: its conf.d drop-in and reload. Pure: no I/O. */
final class NetworkManagerPlan {
    static final String CONF = "/etc/NetworkManager/conf.d/90-leakguard.conf";
    static final String CONF_NONE = "[main]\ndns=none\n";
    static final String CONF_RESOLVED = "[main]\ndns=systemd-resolved\n";
    static final List<String> RELOAD = List.of("systemctl", "reload", "NetworkManager");
    /** The same reload (NetworkManager's Reload D-Bus call) where systemd does not run NetworkManager. */
    static final List<String> NMCLI_RELOAD = List.of("nmcli", "general", "reload");

    private NetworkManagerPlan() {}

    /**
     * Where systemd-resolved owns resolv.conf NetworkManager keeps feeding it (the drop-in pins
     * resolved); elsewhere it stops writing resolv.conf. Then the active connections.
     */
    static void plan(Resolvers want, ResolvState seen, List<Change> changes, List<Finding> findings) {
        NetworkManagerState nm = seen.networkManager();
        if (!nm.configDir()) {
            return;
        }
        boolean resolved = seen.owner() == ResolvOwner.SYSTEMD_RESOLVED;
        String text = resolved ? CONF_RESOLVED : CONF_NONE;
        if (!text.equals(nm.conf())) {
            String mode = resolved ? "dns=systemd-resolved" : "dns=none";
            changes.add(WriteFile.text(CONF, text, 0644, resolved
                    ? "NetworkManager hands DNS to systemd-resolved and never writes /etc/resolv.conf (" + mode + ")"
                    : "NetworkManager stops writing /etc/resolv.conf (" + mode + ")"));
            if (nm.running() && seen.canRunSystemctl()) {
                changes.add(new Reload(RELOAD, "NetworkManager reads " + mode + " now"));
            } else if (nm.running()) {
                changes.add(new Reload(NMCLI_RELOAD, "NetworkManager reads " + mode + " now (systemd does not run it)"));
            } else {
                findings.add(Finding.info("NetworkManager reads " + mode + " when it next starts or reloads ("
                        + nm.detail() + "); run `systemctl reload NetworkManager` if it runs"));
            }
        }
        NetworkManagerConnections.plan(want, nm, ResolvConf.parseSearch(seen.text()), routeLinks(want, seen), changes, findings);
        nm.problems().forEach(p -> findings.add(Finding.warning("NetworkManager: " + p)));
    }

    /** The route links' wanted settings, which the connections on them carry; what is wrong with the routes is said by their own plan. */
    private static Map<String, LinkDns> routeLinks(Resolvers want, ResolvState seen) {
        Map<String, LinkDns> out = new LinkedHashMap<>();
        if (want.routed() && seen.split().unavailable() == null) {
            SplitDnsPlan.links(want, seen.split(), out, new ArrayList<>());
        }
        return out;
    }
}
