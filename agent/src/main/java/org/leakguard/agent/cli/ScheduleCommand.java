package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent schedule}: the native scheduler entry that re-checks (or repairs) the host every period. */
final class ScheduleCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private CommandSpec spec;

    ScheduleCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        spec = Args.command(this, "schedule",
                "Install, remove or show the scheduled compliance run (systemd timer, LaunchDaemon, Task Scheduler task).");
        spec.addSubcommand("install", new ScheduleInstallCommand(agent).spec());
        spec.addSubcommand("remove", new ScheduleRemoveCommand(agent).spec());
        spec.addSubcommand("status", new ScheduleStatusCommand(agent).spec());
        spec.addSubcommand("run", new ScheduleRunCommand(agent).spec());
        return spec;
    }

    /** Without a sub-verb: its usage, and a usage error. */
    @Override
    public Integer call() {
        agent.err().println("usage error: name one of install, remove, status, run");
        spec.commandLine().usage(agent.err());
        return 2;
    }

    /** The schedule's own journal, beside the policy journals but apart from them (see ChangeJournal). */
    static StateDir journal(AgentCommand agent) {
        return new StateDir(Session.stateDir(agent).resolve("schedule"), Json.MAPPER);
    }

    /** What install recorded: the schedule as installed, for status. */
    static Path installed(AgentCommand agent) {
        return Session.stateDir(agent).resolve("schedule").resolve("installed.json");
    }

    /**
     * The live host with the ports of the platform that serves it (on Windows, where System32 is,
     * so schtasks runs by absolute path); without a serving platform, the bare host.
     */
    static Host liveHost(AgentCommand agent) {
        Context ctx = agent.context;
        Host host = new Host(ctx.host(), new LocalFiles(Path.of("/")), ctx.commands(), false, ctx.clock());
        try {
            return Platforms.select(ctx.platforms(), ctx.host()).attach(host);
        } catch (UnsupportedHostException e) {
            return host;
        }
    }
}
