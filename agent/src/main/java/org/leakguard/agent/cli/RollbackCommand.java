package org.leakguard.agent.cli;

import java.util.List;
import java.util.Optional;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "rollback", description = "Undo an applied transaction exactly: the latest (--last) or TXID.")
final class RollbackCommand implements Callable<Integer> {
    @ParentCommand
    AgentCommand agent;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Which which;

    static final class Which {
        @Option(names = "--last", description = "The latest applied transaction (the default).")
        boolean last;

        @Parameters(paramLabel = "TXID", description = "A transaction id from `agent status`.")
        String txid;

        @Option(names = "--expired", description = "Only roll back pending transactions whose confirmation deadline passed.")
        boolean expired;
    }

    @Override
    public Integer call() throws Exception {
        Optional<String> txid = which == null ? Optional.empty() : Optional.ofNullable(which.txid);
        try (Session session = Session.exclusive(agent)) {
            if (which != null && which.expired) {
                List<String> said = session.recovered.isEmpty() ? List.of("no expired transaction") : session.recovered;
                return Output.emit(agent, spec, new Report(Result.ROLLED_BACK, 0, "rollback", null,
                        new Report.HostRef(session.host.info().name(), session.host.info().osName()), null, 0, List.of(), List.of(), said));
            }
            return Output.emit(agent, spec, session.engine.rollback(txid, session.recovered));
        }
    }
}
