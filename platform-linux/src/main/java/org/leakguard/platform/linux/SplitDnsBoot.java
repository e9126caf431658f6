package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.DeleteFile;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.WriteFile;

/**
 * Sets the route links again whenever systemd-resolved starts: it keeps per-link settings made
 * over D-Bus across its own restarts (in /run/systemd/resolve/netif), but a reboot empties /run.
 * A oneshot unit pulled in by a drop-in for resolved's own unit and ordered after it; plain
 * files, so the journal restores them exactly. A link that comes up later, or a NetworkManager
 * reconnect that sets its own servers, is left to {@code agent watch}. Pure.
 */
final class SplitDnsBoot {
    static final String UNIT = "/etc/systemd/system/leakguard-split-dns.service";
    static final String DROP_IN = "/etc/systemd/system/systemd-resolved.service.d/leakguard-split-dns.conf";
    static final List<String> FILES = List.of(UNIT, DROP_IN);
    static final String RESOLVECTL = "/usr/bin/resolvectl";
    static final String DROP_IN_TEXT = "# Managed by leakguard: starts its split-DNS unit whenever systemd-resolved starts.\n"
            + "[Unit]\nWants=leakguard-split-dns.service\n";

    private SplitDnsBoot() {}

    /** The files for these route links (none when there are none). */
    static Map<String, String> wanted(Map<String, LinkDns> links) {
        Map<String, String> out = new LinkedHashMap<>();
        FILES.forEach(p -> out.put(p, null));
        if (!links.isEmpty()) {
            out.put(UNIT, unit(links));
            out.put(DROP_IN, DROP_IN_TEXT);
        }
        return out;
    }

    static String unit(Map<String, LinkDns> links) {
        StringBuilder out = new StringBuilder("# Managed by leakguard: routes names by domain to their own servers through"
                + " systemd-resolved's per-link settings,\n# which it forgets at reboot. Pulled in by "
                + DROP_IN + "; both removed by rollback.\n"
                + "[Unit]\n"
                + "Description=leakguard split DNS: per-link routing domains in systemd-resolved\n"
                + "After=systemd-resolved.service\n"
                + "\n[Service]\n"
                + "Type=oneshot\n"
                + "RemainAfterExit=yes\n");
        // No ExecStop: rollback puts back the links' own settings, which stopping this unit could not know.
        links.forEach((link, dns) -> {
            out.append("ExecStart=").append(RESOLVECTL).append(" dnsovertls ").append(link).append(' ')
                    .append(SplitDnsPlan.PLAIN).append('\n');
            out.append("ExecStart=").append(String.join(" ", ResolvedBus.setServers(link, dns.servers())).replaceFirst(
                    "^resolvectl", RESOLVECTL)).append('\n');
            out.append("ExecStart=").append(String.join(" ", ResolvedBus.setDomains(link, dns.domains())).replaceFirst(
                    "^resolvectl", RESOLVECTL)).append('\n');
        });
        return out.toString();
    }

    /** Writes and deletions from what is there to what is wanted, and a daemon-reload where systemd runs. */
    static List<Change> changes(Map<String, String> seen, Map<String, String> wanted, boolean systemdRuns) {
        List<Change> out = new ArrayList<>();
        wanted.forEach((path, text) -> {
            String now = seen.get(path);
            if (Objects.equals(now, text)) {
                return;
            }
            out.add(text == null
                    ? new DeleteFile(path, "no route is set up by leakguard's split-DNS unit any more")
                    : WriteFile.text(path, text, 0644, path.equals(UNIT)
                            ? "set the route links again whenever systemd-resolved starts: it forgets them at reboot"
                            : "start leakguard-split-dns.service with systemd-resolved, at boot and at every restart"));
        });
        if (!out.isEmpty() && systemdRuns) {
            out.add(new Reload(FirewallControl.DAEMON_RELOAD, "systemd reads leakguard's split-DNS unit as it is now"));
        }
        return out;
    }
}
