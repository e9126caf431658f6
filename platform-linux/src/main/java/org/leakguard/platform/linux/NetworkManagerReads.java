package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Reads NetworkManager's state: its conf.d drop-in from disk, its connections through nmcli. */
final class NetworkManagerReads {
    static final String DIR = "/etc/NetworkManager";
    /** The interfaces of the network namespace leakguard runs in. */
    static final String INTERFACES = "/sys/class/net";

    private NetworkManagerReads() {}

    /** @param connections whether to ask nmcli for the active connections (protectFromOverwrite) */
    static NetworkManagerState read(Host host, boolean connections) throws IOException {
        boolean dir = host.files().exists(DIR);
        String conf = host.files().readString(NetworkManagerPlan.CONF).orElse(null);
        if (!dir) {
            return NetworkManagerState.notChecked(false, conf, "no " + DIR);
        }
        if (host.offline()) {
            return NetworkManagerState.notChecked(true, conf, "an offline image: nmcli is not run");
        }
        if (!connections) {
            return NetworkManagerState.notChecked(true, conf, "its connections were not asked for");
        }
        CommandResult r;
        try {
            r = run(host, Nmcli.RUNNING);
        } catch (IOException e) {
            return stopped(conf, "nmcli cannot run (" + e.getMessage() + ")");
        }
        if (!r.ok() || !Nmcli.parseRunning(r.stdout())) {
            return stopped(conf, describe(Nmcli.RUNNING, r));
        }
        return active(host, conf);
    }

    private static NetworkManagerState active(Host host, String conf) throws IOException {
        List<String> problems = new ArrayList<>();
        List<NmcliConnection> out = new ArrayList<>();
        CommandResult list = run(host, Nmcli.ACTIVE);
        if (!list.ok()) {
            problems.add("the active connections are unknown: " + describe(Nmcli.ACTIVE, list));
        }
        List<List<String>> rows = list.ok() ? local(host, Nmcli.parseActive(list.stdout())) : List.of();
        if (rows == null) {
            return new NetworkManagerState(true, conf, NetworkManagerStatus.ELSEWHERE, "nmcli answers, but no device"
                    + " of its active connections is in " + INTERFACES + " here", List.of(), List.of());
        }
        for (List<String> row : rows) {
            if (!Nmcli.isUuid(row.get(1))) {
                problems.add("connection \"" + row.get(0) + "\" was skipped: \"" + row.get(1) + "\" is not a UUID");
                continue;
            }
            NmcliConnection c = connection(host, row, problems);
            if (c != null) {
                out.add(c);
            }
        }
        return new NetworkManagerState(true, conf, NetworkManagerStatus.RUNNING, "nmcli says running", out, problems);
    }

    /**
     * The rows leakguard may change: not loopback, and on an interface of this network namespace
     * (a VPN row names its carrier). Null when there are rows and none is here.
     */
    private static List<List<String>> local(Host host, List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        boolean any = false;
        for (List<String> row : rows) {
            if (row.get(2).equals("loopback")) {
                continue;
            }
            any = true;
            if (Nmcli.isDevice(row.get(3)) && host.files().exists(INTERFACES + "/" + row.get(3))) {
                out.add(row);
            }
        }
        return any && out.isEmpty() ? null : out;
    }

    private static NmcliConnection connection(Host host, List<String> row, List<String> problems) throws IOException {
        List<String> argv = Nmcli.show(row.get(1));
        CommandResult r = run(host, argv);
        Map<String, String> p = r.ok() ? Nmcli.parseProperties(r.stdout()) : Map.of();
        NmcliDns v4 = Nmcli.family(p, "ipv4");
        NmcliDns v6 = Nmcli.family(p, "ipv6");
        if (v4 == null || v6 == null) {
            problems.add("the DNS settings of connection \"" + row.get(0) + "\" are unknown: " + describe(argv, r));
            return null;
        }
        return new NmcliConnection(row.get(0), row.get(1), row.get(2), row.get(3), v4, v6);
    }

    private static NetworkManagerState stopped(String conf, String why) {
        return new NetworkManagerState(true, conf, NetworkManagerStatus.STOPPED, why, List.of(), List.of());
    }

    private static CommandResult run(Host host, List<String> argv) throws IOException {
        return host.commands().run(new Command(argv, null, null));
    }

    private static String describe(List<String> argv, CommandResult r) {
        String said = (r.stdout().strip() + " " + r.stderr().strip()).strip();
        return "`" + String.join(" ", argv) + "` exited " + r.exitCode() + (said.isEmpty() ? "" : ": " + said);
    }
}
