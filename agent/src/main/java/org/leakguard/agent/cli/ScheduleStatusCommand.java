package org.leakguard.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.schedule.Scheduler;
import org.leakguard.agent.schedule.SchedulerState;
import org.leakguard.agent.schedule.Schedulers;
import picocli.CommandLine.Model.CommandSpec;

/** {@code agent schedule status}: what is installed, what the scheduler says of it, and the last run's report. */
final class ScheduleStatusCommand implements Callable<Integer> {
    private final AgentCommand agent;

    ScheduleStatusCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "status", "Show the installed schedule, its next and last run, and the last report's result.");
    }

    /** The newest kept report, in brief. */
    record LastReport(String file, String command, String result, int exitCode, String transaction) {}

    /** The status document. */
    record View(ScheduleInstallCommand.Installed installed, SchedulerState scheduler, LastReport lastReport, int reportsKept) {}

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "schedule status", "shows the installed schedule and has no run result")) {
            return 2;
        }
        Path record = ScheduleCommand.installed(agent);
        ScheduleInstallCommand.Installed installed = Files.isRegularFile(record)
                ? Json.MAPPER.readValue(record.toFile(), ScheduleInstallCommand.Installed.class)
                : null;
        SchedulerState state = null;
        if (installed != null && agent.root() == null) {
            Host host = ScheduleCommand.liveHost(agent);
            Optional<Scheduler> scheduler = Schedulers.forHost(host, agent.context.clock());
            state = scheduler.isPresent() ? scheduler.get().state(host) : null;
        }
        StateDir dir = new StateDir(Session.stateDir(agent), Json.MAPPER);
        List<Path> reports = dir.savedReports();
        View view = new View(installed, state, reports.isEmpty() ? null : last(reports.get(reports.size() - 1)), reports.size());
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
        } else {
            print(out, view);
        }
        out.flush();
        return 0;
    }

    private static LastReport last(Path file) {
        try {
            JsonNode r = Json.MAPPER.readTree(file.toFile());
            return new LastReport(file.toString(), r.path("command").asText(null), r.path("result").asText(null),
                    r.path("exitCode").asInt(-1), r.path("transaction").asText(null));
        } catch (IOException e) {
            return new LastReport(file.toString(), null, "unreadable: " + e.getMessage(), -1, null);
        }
    }

    private static void print(PrintWriter out, View v) {
        if (v.installed() == null) {
            out.println("no schedule installed");
        } else {
            var i = v.installed();
            out.println("installed   " + i.scheduler() + " at " + i.installedAt() + " (transaction " + i.transaction() + ")");
            out.println("policy      " + i.policy() + " (" + i.policyName() + ", sha256 " + i.sha256().substring(0, 12) + ")");
            out.println("every       " + i.every() + (i.jitter().equals("0s") ? "" : " + up to " + i.jitter() + " at random")
                    + (i.remediate() ? ", repairs drift" : ", reports drift only"));
            SchedulerState s = v.scheduler();
            if (s != null) {
                out.println("scheduler   " + (s.active() == null ? "state unknown" : s.active())
                        + (s.nextRun() == null ? "" : "; next run " + s.nextRun())
                        + (s.lastRun() == null ? "" : "; last run " + s.lastRun())
                        + (s.lastResult() == null ? "" : " (" + s.lastResult() + ")"));
                if (s.note() != null) {
                    out.println("            " + s.note());
                }
            }
        }
        LastReport r = v.lastReport();
        out.println(r == null ? "last report none yet"
                : "last report " + r.command() + " " + r.result() + " (exit " + r.exitCode() + ")"
                        + (r.transaction() == null ? "" : ", transaction " + r.transaction()) + ": " + r.file());
        out.println("reports     " + v.reportsKept() + " kept");
    }
}
