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
import org.leakguard.agent.host.SystemFolder;

/**
 * A Task Scheduler task registered from its XML with schtasks, run by its absolute path under
 * System32 (the platform's {@link SystemFolder}): the task runs as SYSTEM, so a schtasks.exe
 * planted in the current folder or on PATH must never be the one that registers it.
 */
final class TaskScheduler implements Scheduler {
    static final String DIR = "C:\\ProgramData\\leakguard\\";
    static final String POLICY = DIR + "scheduled.yaml";
    static final String XML = DIR + "scheduled-task.xml";
    static final String SCHTASKS = "schtasks.exe";
    private final Clock clock;
    /** The absolute path of schtasks.exe, or why there is none. */
    private final String schtasks;
    private final Optional<String> noSchtasks;

    TaskScheduler(Clock clock, Host host) {
        this.clock = clock;
        String path = null;
        String why;
        Optional<SystemFolder> folder = host.port(SystemFolder.class);
        if (folder.isEmpty()) {
            why = "the Windows platform did not say where System32 is, and leakguard runs schtasks only by its absolute path";
        } else {
            try {
                path = folder.get().program(SCHTASKS);
                why = null;
            } catch (IOException e) {
                why = e.getMessage();
            }
        }
        this.schtasks = path;
        this.noSchtasks = Optional.ofNullable(why);
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
        if (!host.info().isWindows()) {
            return Optional.of("Task Scheduler runs only on Windows");
        }
        return noSchtasks;
    }

    @Override
    public String policyCopy() {
        return POLICY;
    }

    /** schtasks reads a task's XML reliably as UTF-16 with a byte order mark. */
    @Override
    public List<Change> install(Schedule s, byte[] policy) {
        if (schtasks == null) {
            throw new IllegalStateException("cannot register the task: " + noSchtasks.orElse(""));
        }
        byte[] xml = ("\uFEFF" + TaskXml.xml(s, LocalDateTime.now(clock))).getBytes(StandardCharsets.UTF_16LE);
        return List.of(
                Schedulers.policyCopy(POLICY, policy, null),
                new WriteFile(XML, xml, null, "the task's definition, as registered"),
                new RunCommand(List.of(schtasks, "/Create", "/TN", TaskXml.NAME, "/XML", XML, "/F"),
                        List.of(schtasks, "/Delete", "/TN", TaskXml.NAME, "/F"), "register the task, as SYSTEM"));
    }

    @Override
    public SchedulerState state(Host host) throws IOException {
        if (unavailabilityCause(host).isPresent()) {
            return SchedulerState.unknown(unavailabilityCause(host).get());
        }
        CommandResult r = host.commands().run(Command.of(schtasks, "/Query", "/TN", TaskXml.NAME, "/XML"));
        return r.ok() ? TaskQuery.parse(r.stdout()) : SchedulerState.unknown("schtasks /Query exited " + r.exitCode());
    }
}
