package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Reads systemd-networkd's .network files and leakguard's drop-ins; asks networkctl for its version. */
final class NetworkdReads {
    /** The folders networkd reads .network files from (systemd.network(5)). */
    static final List<String> DIRS = List.of(NetworkdDropIn.ETC, "/run/systemd/network",
            "/usr/local/lib/systemd/network", "/usr/lib/systemd/network", "/lib/systemd/network");
    static final String STATE = "/run/systemd/netif/state";
    static final List<String> VERSION = List.of("networkctl", "--version");
    static final List<String> ACTIVE = List.of("systemctl", "is-active", "--quiet", "systemd-networkd");

    private NetworkdReads() {}

    static NetworkdState read(Host host) throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String dir : DIRS) {
            host.files().list(dir).stream().filter(n -> n.endsWith(".network")).forEach(names::add);
        }
        if (names.isEmpty()) {
            return NetworkdState.none();
        }
        Map<String, String> dropIns = new HashMap<>();
        for (String name : names) {
            host.files().readString(NetworkdDropIn.path(name)).ifPresent(t -> dropIns.put(name, t));
        }
        return new NetworkdState(List.copyOf(names), dropIns, host.offline() ? 0 : version(host), running(host));
    }

    /**
     * networkd keeps its state file while it runs, but the file outlives a stop until the next
     * boot: where systemd runs, systemd says whether the unit is active.
     */
    private static boolean running(Host host) throws IOException {
        if (host.offline() || !host.files().exists(STATE)) {
            return false;
        }
        if (!host.files().exists(HostReads.SYSTEMD_RUNNING)) {
            return true;
        }
        try {
            return host.commands().run(Command.of(ACTIVE.toArray(String[]::new))).ok();
        } catch (IOException e) {
            return false;
        }
    }

    private static int version(Host host) {
        try {
            CommandResult r = host.commands().run(Command.of(VERSION.toArray(String[]::new)));
            return r.ok() ? NetworkdDropIn.parseVersion(r.stdout()) : 0;
        } catch (IOException e) {
            return 0; // no networkctl: the drop-ins leave UseDNR= out, and UseDNS=no covers DNR too
        }
    }
}
