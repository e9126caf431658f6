package org.leakguard.agent.schedule;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** A LaunchDaemon in /Library/LaunchDaemons, loaded with launchctl bootstrap. */
final class LaunchdScheduler implements Scheduler {
    static final String POLICY = "/etc/leakguard/scheduled.yaml";
    static final String SERVICE = "system/" + LaunchdPlist.LABEL;

    @Override
    public String name() {
        return "launchd daemon " + LaunchdPlist.LABEL;
    }

    @Override
    public Optional<String> unavailabilityCause(Host host) {
        if (host.offline()) {
            return Optional.of("an offline image (--root) has no running launchd to load a daemon in");
        }
        return host.info().isMac() ? Optional.empty() : Optional.of("launchd runs only on macOS");
    }

    @Override
    public String policyCopy() {
        return POLICY;
    }

    @Override
    public List<Change> install(Schedule s, byte[] policy) {
        return List.of(
                Schedulers.policyCopy(POLICY, policy, 0644),
                WriteFile.text(LaunchdPlist.PATH, LaunchdPlist.plist(s), 0644, "every " + Values.human(s.every())),
                new RunCommand(List.of("launchctl", "bootstrap", "system", LaunchdPlist.PATH),
                        List.of("launchctl", "bootout", SERVICE), "load the daemon now and at every boot"));
    }

    @Override
    public SchedulerState state(Host host) throws IOException {
        if (unavailabilityCause(host).isPresent()) {
            return SchedulerState.unknown(unavailabilityCause(host).get());
        }
        CommandResult r = host.commands().run(Command.of("launchctl", "print", SERVICE));
        return r.ok() ? parsePrint(r.stdout()) : SchedulerState.unknown("launchctl print " + SERVICE + " exited " + r.exitCode());
    }

    /** {@code launchctl print} shows {@code key = value} lines; it tells the state and the last exit, not the next run. */
    static SchedulerState parsePrint(String text) {
        String state = null;
        String lastExit = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("state = ") && state == null) {
                state = l.substring(8);
            } else if (l.startsWith("last exit code = ")) {
                lastExit = l.substring(17);
            }
        }
        return new SchedulerState(state, null, null, lastExit == null ? null : "exit " + lastExit,
                "launchd does not tell the next run; it runs every StartInterval seconds");
    }
}
