package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the resolvers control read: resolv.conf and every manager that may write it. Also what
 * {@code agent diagnose} can show, through {@link #owner()} and {@link #evidence()}.
 *
 * @param linkChain each symlink hop from /etc/resolv.conf, normalized; empty when it is no link
 * @param text the content behind the path (through the links), or null when there is none
 * @param dhclientLeases whether dhclient lease files exist, a sign dhclient-script rewrites the file
 * @param dhcpDir whether /etc/dhcp exists
 * @param dhclientConf /etc/dhcp/dhclient.conf, or null when absent
 * @param dhclientHook leakguard's dhclient enter hook, or null when absent
 * @param dhcpcd whether dhcpcd is installed, and its enter hook
 * @param networkManager NetworkManager's drop-in and, where it runs, its active connections
 * @param resolved systemd-resolved's drop-ins and, where it owns resolv.conf, the running daemon's settings
 * @param networkd systemd-networkd's .network files and leakguard's drop-ins for them
 * @param resolvconf which resolvconf the host has
 * @param split systemd-resolved's per-link routing, for a policy with routes
 * @param systemd whether systemd runs (so systemctl works)
 * @param offline whether this is an offline image ({@code --root}): nothing can be restarted
 * @param window the addresses the captive-portal window holds open now (read only where the file
 *     names other servers before the pinned ones, as the window's file does)
 */
record ResolvState(
        List<String> linkChain,
        String text,
        boolean dhclientLeases,
        boolean dhcpDir,
        String dhclientConf,
        String dhclientHook,
        DhcpcdState dhcpcd,
        NetworkManagerState networkManager,
        ResolvedState resolved,
        NetworkdState networkd,
        ResolvconfState resolvconf,
        SplitDnsState split,
        boolean systemd,
        boolean offline,
        List<String> window) {

    ResolvState {
        linkChain = List.copyOf(linkChain);
        window = List.copyOf(window);
    }

    ResolvState withWindow(List<String> open) {
        return new ResolvState(linkChain, text, dhclientLeases, dhcpDir, dhclientConf, dhclientHook, dhcpcd, networkManager,
                resolved, networkd, resolvconf, split, systemd, offline, open);
    }

    boolean isLink() {
        return !linkChain.isEmpty();
    }

    ResolvOwner owner() {
        return ResolvConf.parseOwner(linkChain, text, dhclientLeases);
    }

    boolean canRunSystemctl() {
        return systemd && !offline;
    }

    /** One line per fact that decided the owner and the managers, for people to check by hand. */
    List<String> evidence() {
        List<String> out = new ArrayList<>();
        out.add(isLink() ? ResolvConf.PATH + " -> " + String.join(" -> ", linkChain) : ResolvConf.PATH + " is no symlink");
        String first = ResolvConf.lines(text).stream().filter(l -> !l.isBlank()).findFirst().orElse("(empty)");
        out.add(text == null ? "no file behind it" : "first line: " + first);
        out.add("dhclient leases: " + (dhclientLeases ? "found" : "none") + "; /etc/dhcp: " + (dhcpDir ? "present" : "absent"));
        out.add("NetworkManager: " + networkManagerEvidence());
        out.add("systemd-networkd: " + networkd.networkFiles().size() + " .network files"
                + (networkd.running() ? ", running" : "") + "; dhcpcd: " + (dhcpcd.installed() ? "installed" : "absent"));
        out.add("resolvconf: " + resolvconf.flavor().label() + " (" + resolvconf.evidence() + ")");
        out.add("systemd-resolved drop-in " + ResolvedDropIn.PATH + ": " + (resolved.dropIn() == null ? "absent" : "present")
                + "; systemd " + (systemd ? "runs" : "does not run") + "; running daemon: "
                + runtime());
        return out;
    }

    private String runtime() {
        if (resolved.runtime() instanceof ResolvedRuntime.Unread unread) {
            return "not read (" + unread.why() + ")";
        }
        return resolved.runtime() instanceof ResolvedRuntime.Stopped ? "not running" : "read over D-Bus";
    }

    private String networkManagerEvidence() {
        if (!networkManager.configDir()) {
            return "not installed (no " + NetworkManagerReads.DIR + ")";
        }
        String status = networkManager.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return status + " (" + networkManager.detail() + "), " + networkManager.connections().size() + " active connections read";
    }
}
