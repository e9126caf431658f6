package org.leakguard.agent.schedule;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** A systemd service and timer under /etc/systemd/system, enabled with systemctl. */
final class SystemdScheduler implements Scheduler {
    static final String RUNNING = "/run/systemd/system";
    static final String POLICY = "/etc/leakguard/scheduled.yaml";
    static final String UNIT = SystemdUnits.NAME + ".timer";

    @Override
    public String name() {
        return "systemd timer " + UNIT;
    }

    @Override
    public Optional<String> unavailabilityCause(Host host) {
        if (host.offline()) {
            return Optional.of("an offline image (--root) has no running systemd to enable a timer in");
        }
        if (!host.files().exists(RUNNING)) {
            return Optional.of("systemd is not running on this host (no " + RUNNING + "), so there is no timer to enable;"
                    + " run `agent schedule run FILE` from the host's own scheduler (cron) instead");
        }
        return Optional.empty();
    }

    @Override
    public String policyCopy() {
        return POLICY;
    }

    /** Files first, then daemon-reload (run again after a rollback restored them), then enable. */
    @Override
    public List<Change> install(Schedule s, byte[] policy) {
        return List.of(
                Schedulers.policyCopy(POLICY, policy, 0644),
                WriteFile.text(SystemdUnits.SERVICE, SystemdUnits.service(s), 0644, "the scheduled run"),
                WriteFile.text(SystemdUnits.TIMER, SystemdUnits.timer(s), 0644, "every " + Values.human(s.every())
                        + (s.jitter().isZero() ? "" : ", up to " + Values.human(s.jitter()) + " later at random")),
                new Reload(List.of("systemctl", "daemon-reload"), "systemd reads the new units"),
                new RunCommand(List.of("systemctl", "enable", "--now", UNIT), List.of("systemctl", "disable", "--now", UNIT),
                        "start the timer now and at every boot"));
    }

    @Override
    public SchedulerState state(Host host) throws IOException {
        if (unavailabilityCause(host).isPresent()) {
            return SchedulerState.unknown(unavailabilityCause(host).get());
        }
        CommandResult r = host.commands().run(Command.of("systemctl", "show", UNIT, "-p", "ActiveState", "-p",
                "NextElapseUSecRealtime", "-p", "LastTriggerUSec"));
        if (!r.ok()) {
            return SchedulerState.unknown("systemctl show " + UNIT + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        CommandResult service = host.commands().run(Command.of("systemctl", "show", SystemdUnits.NAME + ".service", "-p",
                "Result", "-p", "ExecMainStatus"));
        return parseShow(r.stdout(), service.ok() ? service.stdout() : "");
    }

    /** {@code systemctl show} prints KEY=VALUE lines; an unset time is empty or {@code n/a}. */
    static SchedulerState parseShow(String timer, String service) {
        Map<String, String> t = keyValues(timer);
        Map<String, String> s = keyValues(service);
        String last = s.get("Result") == null ? null
                : s.get("Result") + (s.get("ExecMainStatus") == null ? "" : ", exit " + s.get("ExecMainStatus"));
        return new SchedulerState(t.get("ActiveState"), t.get("NextElapseUSecRealtime"), t.get("LastTriggerUSec"), last, null);
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String value = line.substring(eq + 1).strip();
                if (!value.isEmpty() && !value.equals("n/a")) {
                    out.put(line.substring(0, eq).strip(), value);
                }
            }
        }
        return out;
    }
}
