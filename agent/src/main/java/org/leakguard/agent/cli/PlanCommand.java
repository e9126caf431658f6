package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "plan", description = "Print exactly what apply would change. Exit 3 when changes are pending.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand
    AgentCommand agent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy (YAML).")
    Path file;

    @Override
    public Integer call() throws Exception {
        LoadedPolicy policy = PolicyArg.load(file);
        try (Session session = Session.readOnly(agent)) {
            return Output.emit(agent, spec, session.engine.plan(policy, "plan", List.of()));
        }
    }
}
