package org.leakguard.agent.engine;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;

/**
 * The journal for changes that are not a policy's plan, such as installing a schedule: each
 * change journaled with its before-image, the set committed or, when a step fails, undone. Keep it
 * in its own state folder: {@code rollback --last} and the recorded resolvers are about policies.
 */
public final class ChangeJournal {
    private final StateDir state;
    private final Applier applier;

    public ChangeJournal(Host host, StateDir state, Clock clock) {
        this.state = state;
        this.applier = new Applier(host, state, clock);
    }

    /**
     * What applying did; {@code error} is null when every change ran and the set is committed,
     * else the changes made were undone and {@code left} names what could not be.
     */
    public record Result(String txid, String error, List<String> left) {
        public Result {
            left = List.copyOf(left);
        }
    }

    /** Journals and carries out {@code changes} for {@code policy}; a failing step undoes those before it. */
    public Result apply(LoadedPolicy policy, List<Change> changes) throws IOException {
        return apply(policy.policy().name(), policy.sha256(), changes);
    }

    /** As above, for a policy known by the name and digest an earlier transaction recorded. */
    public Result apply(String policyName, String sha256, List<Change> changes) throws IOException {
        state.prepare();
        Applier.Applied applied = applier.apply(policyName, sha256, changes, null);
        if (applied.ok()) {
            applier.commit(applied.txid());
            return new Result(applied.txid(), null, List.of());
        }
        Transaction tx = state.find(applied.txid()).orElseThrow(() -> new IOException("journal of " + applied.txid() + " is missing"));
        return new Result(applied.txid(), applied.error(), applier.rollback(tx, applied.error()).left());
    }

    /** Every transaction in this journal, oldest first. */
    public List<Transaction> all() throws IOException {
        return state.list();
    }

    /** The newest committed transaction: what is installed now. */
    public Optional<Transaction> latestCommitted() throws IOException {
        return state.list().stream().filter(t -> t.state() == Transaction.State.COMMITTED).reduce((a, b) -> b);
    }

    /** Undoes a committed transaction in reverse order, re-reading each target; returns what could not be put back. */
    public List<String> undo(Transaction tx, String reason) throws IOException {
        return applier.rollback(tx, reason).left();
    }

    /** Undoes what a stopped run left half done; returns what it did, in words. */
    public List<String> recover() throws IOException {
        List<String> said = new ArrayList<>();
        for (Transaction tx : state.list()) {
            if (tx.state() == Transaction.State.UNFINISHED) {
                List<String> left = undo(tx, "recovered: the run that started it stopped before finishing");
                said.add(left.isEmpty() ? "transaction " + tx.id() + " was left unfinished and has been undone"
                        : "transaction " + tx.id() + " was left unfinished and could not be fully undone: " + String.join("; ", left));
            }
        }
        return said;
    }
}
