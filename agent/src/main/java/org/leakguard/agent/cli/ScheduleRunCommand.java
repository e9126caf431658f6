package org.leakguard.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.leakguard.agent.engine.LockedException;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.ReportJson;
import org.leakguard.agent.report.Result;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code agent schedule run FILE}: one scheduled run, as the installed entry starts it. The same
 * check (or, with --remediate, apply with verification and rollback) as the verbs of those names,
 * then the report is kept in the state folder and old reports and journals are pruned. It is a
 * verb of its own so that keeping reports adds nothing to check's start-up.
 */
final class ScheduleRunCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec remediate = Args.flag("Repair a drift: apply, verify, roll back on failure.", "--remediate").build();
    private final Keep keep = new Keep();
    private final OptionSpec jitter = Args.option("--jitter", String.class, "DURATION",
            "Sleep up to this long at random first (for schedulers without a random delay).").build();

    ScheduleRunCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "run", "One scheduled run: check (or repair) FILE, keep the report, prune old ones.")
                .addPositional(file).addOption(remediate).addOption(keep.reports).addOption(keep.journals).addOption(jitter);
    }

    @Override
    public Integer call() throws Exception {
        keep.check();
        int reports = keep.reports();
        int journals = keep.journals();
        String delay = jitter.getValue();
        if (delay != null) {
            Thread.sleep(ThreadLocalRandom.current().nextLong(DurationArg.parse("--jitter", delay).toMillis() + 1));
        }
        StateDir kept = new StateDir(Session.stateDir(agent), Json.MAPPER);
        try {
            LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
            try (Session session = Session.exclusive(agent)) {
                Report report = Args.given(remediate) ? session.engine.apply(policy, session.recovered)
                        : session.engine.check(policy, session.recovered);
                int code = Output.emit(agent, report);
                save(session.state, report, reports);
                prune(session.state, journals);
                return code;
            }
        } catch (PolicyException | LockedException | IllegalArgumentException e) {
            Result r = e instanceof LockedException ? Result.ERROR : Result.INVALID;
            save(kept, new Report(r, r.exitCode(), "schedule run", null, new Report.HostRef(agent.context.host().name(),
                    agent.context.host().osName()), null, 0, List.of(), List.of(), List.of(e.getMessage())), reports);
            throw e;
        }
    }

    /** A report that cannot be kept does not change the result, which stdout already has. */
    private void save(StateDir state, Report report, int reports) {
        try {
            state.saveReport(agent.context.clock().instant(), report.command(), report.result().label(), ReportJson.pretty(report));
            state.pruneReports(reports);
        } catch (java.io.IOException e) {
            agent.err().println("warning: cannot keep the report in " + state.reports() + ": " + e.getMessage()
                    + " (the result above stands)");
        }
    }

    private void prune(StateDir state, int journals) {
        try {
            state.pruneJournals(journals);
        } catch (java.io.IOException e) {
            agent.err().println("warning: cannot prune old journals in " + state.path() + ": " + e.getMessage());
        }
    }
}
