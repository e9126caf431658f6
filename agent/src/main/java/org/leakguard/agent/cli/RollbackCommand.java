package org.leakguard.agent.cli;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class RollbackCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final OptionSpec last = Args.flag("The latest application of a policy (the default): the newest applied"
            + " transaction and the repairs of the same policy just before it.", "--last").build();
    private final PositionalParamSpec txid = Args.positional("TXID", String.class, "1", "A transaction id from `agent status`.");
    private final OptionSpec all = Args.flag("Every applied transaction, newest first, and the folders they created:"
            + " the host as it was before leakguard.", "--all").build();
    private final OptionSpec expired = Args.flag("Only roll back pending transactions whose confirmation deadline passed.",
            "--expired").build();

    RollbackCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "rollback", "Undo applied transactions exactly: the latest (--last), TXID, or all of them (--all).")
                .addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("0..1")
                        .addArg(last).addArg(txid).addArg(all).addArg(expired).build());
    }

    @Override
    public Integer call() throws Exception {
        try (Session session = Session.exclusive(agent)) {
            if (Args.given(expired)) {
                List<String> said = session.recovered.isEmpty() ? List.of("no expired transaction") : session.recovered;
                return Output.emit(agent, new Report(Result.ROLLED_BACK, 0, "rollback", null,
                        new Report.HostRef(session.host.info().name(), session.host.info().osName()), null, 0, List.of(), List.of(), said), session);
            }
            if (Args.given(all)) {
                return Output.emit(agent, session.engine.rollbackAll(session.recovered), session);
            }
            return Output.emit(agent, session.engine.rollback(Optional.ofNullable(txid.getValue()), session.recovered), session);
        }
    }
}
