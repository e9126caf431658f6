package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.Transaction;
import picocli.CommandLine.Model.CommandSpec;

final class StatusCommand implements Callable<Integer> {
    private final AgentCommand agent;

    StatusCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "status", "List transactions: applied, rolled back, and any left unfinished by a stopped run.");
    }

    /** One transaction as status shows it. */
    record Row(String id, String state, String policy, String sha256, String started, int changes, String detail, String deadline) {}

    /**
     * The status document; {@code unfinished} counts transactions the next run will roll back;
     * {@code rollbackLast} names what {@code rollback --last} would undo, newest first;
     * {@code portalWindow} the newest captive-portal window as its journal tells it, or null.
     */
    record View(String stateDir, long unfinished, List<Row> transactions, List<String> rollbackLast, String portalWindow) {}

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "status", "lists the transactions in the state folder and has no run result")) {
            return 2;
        }
        java.time.Instant now = agent.context.clock().instant();
        StateDir state = new StateDir(Session.stateDir(agent), Json.journal(agent.context.platforms()));
        List<Transaction> all = Files.isDirectory(state.path()) ? state.list() : List.of();
        List<Row> rows = all.stream().map(t -> row(t, now)).toList();
        StateDir portal = new StateDir(state.path().resolve("portal"), Json.journal(agent.context.platforms()));
        String window = Files.isDirectory(portal.path().resolve("transactions"))
                ? org.leakguard.agent.portal.Portals.journaled(portal, now).orElse(null) : null;
        View view = new View(state.path().toString(), rows.stream().filter(r -> r.state().equals("unfinished")).count(), rows,
                Engine.lastRollback(all), window);
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
        } else {
            print(out, view);
        }
        out.flush();
        return 0;
    }

    /** A pending transaction past its deadline is shown as expired: the next locked run rolls it back. */
    private static Row row(Transaction t, java.time.Instant now) {
        var b = t.begin();
        return new Row(t.id(), t.expired(now) ? "expired" : t.state().label(), b == null ? null : b.policy(), b == null ? null : b.sha256(),
                b == null ? null : b.time(), t.intents().size(), t.detail(), t.deadline());
    }

    private static void print(PrintWriter out, View view) {
        out.println("state folder " + view.stateDir());
        if (view.portalWindow() != null) {
            out.println(view.portalWindow());
        }
        if (view.transactions().isEmpty()) {
            out.println("no transactions");
            return;
        }
        out.printf("%-26s %-16s %-24s %7s  %s%n", "TRANSACTION", "STATE", "POLICY", "CHANGES", "STARTED");
        for (Row r : view.transactions()) {
            out.printf("%-26s %-16s %-24s %7d  %s%n", r.id(), r.state(), r.policy(), r.changes(), r.started());
            if (r.deadline() != null && r.state().equals("pending")) {
                out.println("    rolled back at " + r.deadline() + " unless `agent confirm " + r.id() + "` runs first");
            } else if (r.state().equals("expired")) {
                out.println("    not confirmed by " + r.deadline() + ": the next apply, check or rollback rolls it back"
                        + " (now: `agent rollback --expired`)");
            }
            if (!r.detail().isEmpty()) {
                out.println("    " + r.detail());
            }
        }
        if (!view.rollbackLast().isEmpty()) {
            out.println("`rollback --last` undoes " + String.join(", ", view.rollbackLast())
                    + "; `rollback --all` undoes every applied transaction");
        }
        if (view.unfinished() > 0) {
            out.println(view.unfinished() + " unfinished transaction(s): the next apply, check or rollback rolls them back");
        }
    }
}
