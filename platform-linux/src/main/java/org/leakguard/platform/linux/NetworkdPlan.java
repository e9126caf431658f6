package org.leakguard.platform.linux;

import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.spi.Finding;

/**
 * protectFromOverwrite for systemd-networkd: a drop-in per .network file, then {@code networkctl
 * reload}, which reconfigures the links whose files changed without restarting the daemon (a
 * rollback reloads again once the drop-ins are gone). Pure: no I/O.
 */
final class NetworkdPlan {
    static final List<String> RELOAD = List.of("networkctl", "reload");

    private NetworkdPlan() {}

    static void plan(NetworkdState networkd, List<Change> changes, List<Finding> findings) {
        if (networkd.networkFiles().isEmpty()) {
            return;
        }
        String text = NetworkdDropIn.render(networkd.version());
        boolean changed = false;
        for (String name : networkd.networkFiles()) {
            if (!text.equals(networkd.dropIns().get(name))) {
                changes.add(WriteFileInFolder.of(NetworkdDropIn.path(name), text, "systemd-networkd takes no DNS"
                        + " servers from DHCPv4, DHCPv6 or router advertisements on the links " + name + " matches"
                        + (networkd.version() >= NetworkdDropIn.USE_DNR_SINCE ? ", encrypted ones (DNR) included" : "")));
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        if (networkd.running()) {
            changes.add(new Reload(RELOAD, "systemd-networkd applies the drop-ins to its links now"));
        } else {
            findings.add(Finding.info("systemd-networkd reads the drop-ins when it next starts (it does not run"
                    + " now: no " + NetworkdReads.STATE + "); run `networkctl reload` if it does"));
        }
    }
}
