package org.leakguard.agent.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "confirm", description = "Keep a transaction applied with --confirm-within; without this it is rolled back at its deadline.")
final class ConfirmCommand implements Callable<Integer> {
    @ParentCommand
    AgentCommand agent;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TXID", arity = "0..1", description = "The pending transaction (default: the pending one).")
    String txid;

    @Override
    public Integer call() throws Exception {
        try (Session session = Session.exclusive(agent)) {
            Report report = session.engine.confirm(Optional.ofNullable(txid), session.recovered);
            new ConfirmTimer(session.host, session.state.path(), agent.context.launcher()).disarm(report.transaction());
            return Output.emit(agent, spec, report);
        }
    }
}
