package org.leakguard.platform.macos;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What brings the anchor back after a reboot: a LaunchDaemon that runs, once at load,
 * {@code pfctl -E -a ANCHOR -f RULESET}. launchd loads every plist in /Library/LaunchDaemons at
 * boot, so nothing is bootstrapped at apply time and a rollback only removes the file. The
 * enable token this run prints goes to {@link #LOG}, where a later check finds it.
 */
final class LaunchDaemon {
    static final String LABEL = "org.leakguard.pf";
    static final String PLIST = "/Library/LaunchDaemons/" + LABEL + ".plist";
    static final String RULESET = "/etc/leakguard/pf.anchor";
    static final String LOG = "/var/log/leakguard-pf.log";
    static final String TOKEN = "/var/db/leakguard/pf.token";

    private LaunchDaemon() {}

    static String plist() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("Label", LABEL);
        job.put("ProgramArguments", List.of("/sbin/pfctl", "-E", "-a", PfRuleset.ANCHOR, "-f", RULESET));
        job.put("RunAtLoad", true);
        job.put("StandardErrorPath", LOG);
        job.put("StandardOutPath", LOG);
        return Plist.document(job);
    }
}
