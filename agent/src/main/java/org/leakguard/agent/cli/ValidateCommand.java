package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class ValidateCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();

    ValidateCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "validate", "Check a policy file without reading or changing the host.").addPositional(file);
    }

    @Override
    public Integer call() throws Exception {
        Path path = file.getValue();
        LoadedPolicy policy = PolicyArg.load(agent, path);
        Report report = new Report(Result.VALID, 0, "validate", new Report.PolicyRef(policy.policy().name(), policy.sha256()),
                new Report.HostRef(agent.context.host().name(), agent.context.host().osName()), null, 0, List.of(), List.of(),
                List.of(path + ": valid " + policy.policy().apiVersion() + " " + policy.policy().kind()));
        return Output.emit(agent, report);
    }
}
