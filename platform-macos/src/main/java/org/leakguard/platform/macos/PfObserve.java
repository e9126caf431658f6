package org.leakguard.platform.macos;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;

/** Reads pf (anchor rules and tables, enable references, the main ruleset) and leakguard's boot files. */
final class PfObserve {
    static final String PF_CONF = "/etc/pf.conf";

    private PfObserve() {}

    static PfSeen read(Host host) throws IOException {
        if (host.offline()) {
            return PfSeen.unreadable("offline image: pf rules exist only on a running Mac; run apply on the Mac itself");
        }
        List<String> labels;
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> references;
        boolean mainHasAnchor;
        try {
            labels = PfOutput.labels(Tools.stdout(host, Pfctl.ANCHOR_RULES));
            for (String table : List.of(PfRuleset.OK, PfRuleset.DOH)) {
                CommandResult r = host.commands().run(new org.leakguard.agent.host.Command(Pfctl.showTable(table), null, null));
                if (r.ok()) {
                    tables.put(table, PfOutput.tableAddresses(r.stdout()));
                }
            }
            references = PfOutput.references(Tools.stdout(host, Pfctl.REFERENCES));
            mainHasAnchor = PfOutput.hasAppleAnchor(Tools.stdout(host, Pfctl.MAIN_RULES));
        } catch (IOException e) {
            return PfSeen.unreadable("pf could not be read (" + e.getMessage() + "); leakguard needs root for pfctl");
        }
        Files files = host.files();
        Map<String, String> boot = new HashMap<>();
        for (String path : List.of(LaunchDaemon.RULESET, LaunchDaemon.PLIST)) {
            boot.put(path, files.readString(path).orElse(null));
        }
        String ours = files.readString(LaunchDaemon.TOKEN).map(String::strip).orElse(null);
        String atBoot = files.readString(LaunchDaemon.LOG).flatMap(PfOutput::token).orElse(null);
        return new PfSeen(null, labels, tables, references, ours, atBoot, mainHasAnchor,
                files.readString(PF_CONF).orElse(null), boot, inUse(host));
    }

    /** Best effort: without scutil the load still happens, only old states are not killed. */
    private static List<InetAddress> inUse(Host host) {
        try {
            return ScutilDns.inUse(ScutilDns.parse(Tools.stdout(host, ScutilDns.COMMAND)));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
