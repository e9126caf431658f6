package org.leakguard.agent.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.RunCommand;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** A Task Scheduler task registered from its XML with schtasks. */
final class TaskScheduler implements Scheduler {
    static final String DIR = "C:\\ProgramData\\leakguard\\";
    static final String POLICY = DIR + "scheduled.yaml";
    static final String XML = DIR + "scheduled-task.xml";
    private final Clock clock;

    TaskScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "Task Scheduler task " + TaskXml.NAME;
    }

    @Override
    public Optional<String> unavailabilityCause(Host host) {
        if (host.offline()) {
            return Optional.of("an offline image (--root) has no running Task Scheduler");
        }
        return host.info().isWindows() ? Optional.empty() : Optional.of("Task Scheduler runs only on Windows");
    }

    @Override
    public String policyCopy() {
        return POLICY;
    }

    /** schtasks reads a task's XML reliably as UTF-16 with a byte order mark. */
    @Override
    public List<Change> install(Schedule s, byte[] policy) {
        byte[] xml = ("\uFEFF" + TaskXml.xml(s, LocalDateTime.now(clock))).getBytes(StandardCharsets.UTF_16LE);
        return List.of(
                Schedulers.policyCopy(POLICY, policy, null),
                new WriteFile(XML, xml, null, "the task's definition, as registered"),
                new RunCommand(List.of("schtasks", "/Create", "/TN", TaskXml.NAME, "/XML", XML, "/F"),
                        List.of("schtasks", "/Delete", "/TN", TaskXml.NAME, "/F"), "register the task, as SYSTEM"));
    }

    @Override
    public SchedulerState state(Host host) throws IOException {
        if (unavailabilityCause(host).isPresent()) {
            return SchedulerState.unknown(unavailabilityCause(host).get());
        }
        CommandResult r = host.commands().run(Command.of("schtasks", "/Query", "/TN", TaskXml.NAME, "/V", "/FO", "LIST"));
        return r.ok() ? parseQuery(r.stdout()) : SchedulerState.unknown("schtasks /Query exited " + r.exitCode());
    }

    /** {@code schtasks /Query /V /FO LIST} prints {@code Key: value} lines (English names on an English system). */
    static SchedulerState parseQuery(String text) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                v.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        return new SchedulerState(v.get("Status"), v.get("Next Run Time"), v.get("Last Run Time"),
                v.get("Last Result") == null ? null : "exit " + v.get("Last Result"), null);
    }
}
