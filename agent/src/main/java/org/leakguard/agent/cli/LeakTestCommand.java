package org.leakguard.agent.cli;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.report.ProbeReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class LeakTestCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec policyFile = Args.positional("FILE", Path.class, "0..1",
            "A policy; without it, only the resolvers in use are probed.");

    LeakTestCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "leak-test", "Run only the leak probes, changing nothing: which resolvers answered the canary, "
                + "which forbidden ones are reachable. Exit 3 when any probe fails or cannot tell.").addPositional(policyFile);
    }

    @Override
    public Integer call() throws Exception {
        Path file = policyFile.getValue();
        try (Session session = Session.readOnly(agent)) {
            List<InetAddress> inUse = session.platform.resolversInUse(session.host);
            LoadedPolicy policy = file != null ? PolicyArg.load(file) : null;
            List<ProbeReport> probes = file != null
                    ? agent.context.verifier().run(policy.policy().spec(), inUse)
                    : agent.context.verifier().run(inUseOnly(inUse), List.of());
            boolean ok = probes.stream().allMatch(p -> Boolean.TRUE.equals(p.passed()));
            Result result = ok ? Result.COMPLIANT : Result.NON_COMPLIANT;
            Report report = new Report(result, result.exitCode(), "leak-test",
                    policy == null ? null : new Report.PolicyRef(policy.policy().name(), policy.sha256()),
                    new Report.HostRef(session.host.info().name(), session.host.info().osName()), null, 0,
                    List.of(), probes, summary(probes, inUse));
            return Output.emit(agent, report, session);
        }
    }

    /** Without a policy: the resolvers in use must answer; nothing is forbidden. */
    private static org.leakguard.agent.policy.Spec inUseOnly(List<InetAddress> inUse) {
        var resolvers = new org.leakguard.agent.policy.Resolvers(inUse, null, null, null, null, null, null);
        return new org.leakguard.agent.policy.Spec(resolvers, null, null, null, null, new org.leakguard.agent.policy.Verify(true, null, null, null, null, null));
    }

    static List<String> summary(List<ProbeReport> probes, List<InetAddress> inUse) {
        List<String> lines = new ArrayList<>();
        lines.add("resolvers in use: " + (inUse.isEmpty() ? "none found" : inUse.stream().map(InetAddress::getHostAddress).toList()));
        probes.stream().filter(p -> p.kind().equals("canary")).forEach(p -> lines.add("canary: " + p.observed()));
        // Split DNS: where each route's names went, with the finding when they went elsewhere.
        probes.stream().filter(p -> p.kind().startsWith("route-")).forEach(p -> lines.add(p.kind() + " " + p.target() + ": " + p.observed()));
        List<String> reachable = probes.stream()
                .filter(p -> Boolean.FALSE.equals(p.passed()) && p.expected().equals("unreachable"))
                .map(p -> p.target() + " (" + p.kind() + ")")
                .distinct()
                .toList();
        lines.add(reachable.isEmpty() ? "forbidden reachable: none" : "forbidden reachable: " + String.join(", ", reachable));
        return lines;
    }
}
