package org.leakguard.agent.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;

/** The rollback verb: picks the transactions ({@link Unwind}) and undoes them newest first. */
final class Rollbacks {
    private final StateDir state;
    private final Applier applier;
    private final Reports reports;

    Rollbacks(StateDir state, Applier applier, Reports reports) {
        this.state = state;
        this.applier = applier;
        this.reports = reports;
    }

    /** Rolls back the named transaction, or with none the latest application of a policy (see {@link Unwind}). */
    Report rollback(Optional<String> txid, List<String> recovered) throws IOException {
        if (txid.isEmpty() && !recovered.isEmpty()) {
            return reports.bare(Result.ROLLED_BACK, 0, "rollback", null, recovered);
        }
        List<Transaction> all = state.list();
        List<Transaction> undo = txid.isPresent() ? Unwind.named(all, txid.get(), state.path().toString()) : Unwind.last(all);
        if (undo.isEmpty()) {
            throw new IllegalArgumentException("nothing to roll back: no applied transaction in " + state.path());
        }
        return undo(all, undo, recovered, "rolled back on request");
    }

    /**
     * Rolls back every applied transaction, newest first, and with them the folders they created:
     * the host as it was before leakguard. Nothing applied is not an error: there is nothing to undo.
     */
    Report rollbackAll(List<String> recovered) throws IOException {
        List<Transaction> all = state.list();
        List<Transaction> undo = Unwind.all(all);
        Unwind.refuseDamaged(all);
        if (undo.isEmpty()) {
            List<String> said = new ArrayList<>(recovered);
            said.add("nothing to roll back: no applied transaction in " + state.path() + "; the host has no leakguard change");
            return reports.bare(Result.ROLLED_BACK, 0, "rollback", null, said);
        }
        return undo(all, undo, recovered, "rolled back with --all");
    }

    /** Undoes {@code undo} (newest first), stopping at the first that cannot be fully undone. */
    private Report undo(List<Transaction> all, List<Transaction> undo, List<String> recovered, String reason) throws IOException {
        Unwind.refuseAcrossDamage(all, undo);
        List<String> said = new ArrayList<>(recovered);
        for (Transaction target : undo) {
            Applier.Undone undone = applier.rollback(target, reason);
            if (!undone.complete()) {
                said.add("rollback of " + target.id() + " incomplete, a person must restore: " + String.join("; ", undone.left()));
                return reports.bare(Result.ROLLBACK_FAILED, Result.ROLLBACK_FAILED.exitCode(), "rollback", target.id(), said);
            }
            said.add("transaction " + target.id() + " rolled back: every change undone and re-read");
        }
        long left = state.list().stream().filter(Unwind::applied).count();
        if (left > 0) {
            said.add(left + " earlier applied transaction(s) remain; `agent rollback --all` takes the host back to before leakguard");
        }
        return reports.bare(Result.ROLLED_BACK, 0, "rollback", undo.get(0).id(), said);
    }
}
