package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "validate", description = "Check a policy file without reading or changing the host.")
final class ValidateCommand implements Callable<Integer> {
    @ParentCommand
    AgentCommand agent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The policy (YAML).")
    Path file;

    @Override
    public Integer call() throws Exception {
        LoadedPolicy policy = PolicyArg.load(file);
        Report report = new Report(Result.VALID, 0, "validate", new Report.PolicyRef(policy.policy().name(), policy.sha256()),
                new Report.HostRef(agent.context.host().name(), agent.context.host().osName()), null, 0, List.of(), List.of(),
                List.of(file + ": valid " + policy.policy().apiVersion() + " " + policy.policy().kind()));
        return Output.emit(agent, spec, report);
    }
}
