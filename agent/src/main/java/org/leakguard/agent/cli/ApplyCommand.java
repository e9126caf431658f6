package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "apply", description = "Make the host match the policy, verify, and roll back if verification fails.")
final class ApplyCommand implements Callable<Integer> {
    @ParentCommand
    AgentCommand agent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy (YAML).")
    Path file;

    @Option(names = "--dry-run", description = "Plan only: print what would change, change nothing.")
    boolean dryRun;

    @Option(names = "--confirm-within", paramLabel = "DURATION",
            description = "Keep the change pending: unless `agent confirm` runs within DURATION (e.g. 10m), roll it back.")
    String confirmWithin;

    @Override
    public Integer call() throws Exception {
        java.time.Duration within = confirmWithin == null ? null : DurationArg.parse("--confirm-within", confirmWithin);
        LoadedPolicy policy = PolicyArg.load(file);
        if (dryRun) {
            try (Session session = Session.readOnly(agent)) {
                return Output.emit(agent, spec, session.engine.plan(policy, "apply --dry-run", List.of()));
            }
        }
        if (within != null && agent.root != null) {
            throw new IllegalArgumentException("--confirm-within is for live hosts; an offline image (--root) has no one to confirm");
        }
        try (Session session = Session.exclusive(agent)) {
            Report report = session.engine.apply(policy, session.recovered, within);
            if (within != null && report.transaction() != null && report.exitCode() == 0) {
                String armed = new ConfirmTimer(session.host, session.state.path(), agent.context.launcher())
                        .arm(report.transaction(), within);
                report = report.withMessage(armed);
            }
            return Output.emit(agent, spec, report);
        }
    }
}
