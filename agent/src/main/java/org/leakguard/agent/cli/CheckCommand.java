package org.leakguard.agent.cli;

import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class CheckCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();

    CheckCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "check", "Verify compliance without changing anything. Exit 3 when non-compliant.")
                .addPositional(file);
    }

    @Override
    public Integer call() throws Exception {
        LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
        try (Session session = Session.exclusive(agent)) {
            return Output.emit(agent, session.engine.check(policy, session.recovered), session);
        }
    }
}
