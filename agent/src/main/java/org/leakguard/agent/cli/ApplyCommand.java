package org.leakguard.agent.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class ApplyCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec[] diff = Args.diffFlags();
    private final OptionSpec dryRun = Args.flag("Plan only: print what would change, change nothing.", "--dry-run").build();
    private final OptionSpec confirmWithin = Args.option("--confirm-within", String.class, "DURATION",
            "Keep the change pending: unless `agent confirm` runs within DURATION (e.g. 10m), roll it back.").build();

    ApplyCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "apply", "Make the host match the policy, verify, and roll back if verification fails.")
                .addPositional(file).addOption(dryRun).addOption(confirmWithin)
                .addOption(diff[0]).addOption(diff[1]);
    }

    @Override
    public Integer call() throws Exception {
        String confirm = confirmWithin.getValue();
        Duration within = confirm == null ? null : DurationArg.parse("--confirm-within", confirm);
        LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
        if (Args.given(dryRun)) {
            try (Session session = Session.readOnly(agent)) {
                return Output.emit(agent, session.engine.plan(policy, "apply --dry-run", List.of()), session,
                        Args.diffs(diff));
            }
        }
        if (within != null && agent.root() != null) {
            throw new IllegalArgumentException("--confirm-within is for live hosts; an offline image (--root) has no one to confirm");
        }
        try (Session session = Session.exclusive(agent)) {
            Report report = session.engine.apply(policy, session.recovered, within);
            if (within != null && report.transaction() != null && report.exitCode() == 0) {
                String armed = new ConfirmTimer(session.host, session.state.path(), agent.context.launcher())
                        .arm(report.transaction(), within);
                report = report.withMessage(armed);
            }
            return Output.emit(agent, report, session);
        }
    }
}
