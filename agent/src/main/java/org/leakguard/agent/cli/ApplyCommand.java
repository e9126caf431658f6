package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
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

    @Override
    public Integer call() throws Exception {
        LoadedPolicy policy = PolicyArg.load(file);
        if (dryRun) {
            try (Session session = Session.readOnly(agent)) {
                return Output.emit(agent, spec, session.engine.plan(policy, "apply --dry-run", List.of()));
            }
        }
        try (Session session = Session.exclusive(agent)) {
            return Output.emit(agent, spec, session.engine.apply(policy, session.recovered));
        }
    }
}
