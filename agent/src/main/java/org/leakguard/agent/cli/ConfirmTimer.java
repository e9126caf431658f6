package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/**
 * Arms the deadline of a pending transaction outside the applying process: a transient systemd
 * timer that runs {@code agent rollback --expired}, so the rollback happens even if this process
 * is killed. Every agent start also checks deadlines, which covers hosts without systemd.
 */
final class ConfirmTimer {
    private final Host host;
    private final Path stateDir;
    private final String launcher;

    ConfirmTimer(Host host, Path stateDir, String launcher) {
        this.host = host;
        this.stateDir = stateDir;
        this.launcher = launcher;
    }

    static String unit(String txid) {
        return "leakguard-confirm-" + txid;
    }

    /** What was armed, in words for the report. */
    String arm(String txid, Duration within) throws IOException {
        if (!host.files().exists("/run/systemd/system")) {
            return "systemd is not running: the deadline is enforced by the next agent start (schedule `agent check`)";
        }
        if (launcher == null) {
            return "no timer armed (launcher path unknown): the deadline is enforced by the next agent start";
        }
        List<String> argv = List.of("systemd-run", "--unit=" + unit(txid), "--on-active=" + Math.max(1, within.toSeconds()) + "s",
                "--timer-property=AccuracySec=1s", "--description=leakguard: roll back " + txid + " unless confirmed",
                "--", launcher, "--state-dir", stateDir.toString(), "rollback", "--expired");
        CommandResult r = host.commands().run(new Command(argv, null, null));
        return r.ok() ? "armed systemd timer " + unit(txid) + ".timer"
                : "could not arm a systemd timer (" + r.stderr().strip() + "): the deadline is enforced by the next agent start";
    }

    void disarm(String txid) throws IOException {
        if (host.files().exists("/run/systemd/system")) {
            host.commands().run(Command.of("systemctl", "stop", unit(txid) + ".timer"));
        }
    }
}
