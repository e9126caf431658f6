package org.leakguard.agent.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.report.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class ConfirmCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec txid = Args.positional("TXID", String.class, "0..1",
            "The pending transaction (default: the pending one).");

    ConfirmCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "confirm",
                "Keep a transaction applied with --confirm-within; without this it is rolled back at its deadline.").addPositional(txid);
    }

    @Override
    public Integer call() throws Exception {
        try (Session session = Session.exclusive(agent)) {
            Report report = session.engine.confirm(Optional.ofNullable(txid.getValue()), session.recovered);
            new ConfirmTimer(session.host, session.state.path(), agent.context.launcher()).disarm(report.transaction());
            return Output.emit(agent, report, session);
        }
    }
}
