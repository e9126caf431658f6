package org.leakguard.agent.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class PlanCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec[] diff = Args.diffFlags();

    PlanCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "plan", "Print exactly what apply would change. Exit 3 when changes are pending.")
                .addPositional(file).addOption(diff[0]).addOption(diff[1]);
    }

    @Override
    public Integer call() throws Exception {
        LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
        try (Session session = Session.readOnly(agent)) {
            return Output.emit(agent, session.engine.plan(policy, "plan", List.of()), session, Args.diffs(diff));
        }
    }
}
