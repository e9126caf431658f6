package org.leakguard.agent.engine;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.Reload;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;

/**
 * Carries out a plan through a journal and takes transactions back. Before each change its intent
 * and before-image are on disk, so a crash at any point can be undone.
 */
final class Applier {
    private final Host host;
    private final StateDir state;
    private final Clock clock;

    Applier(Host host, StateDir state, Clock clock) {
        this.host = host;
        this.state = state;
        this.clock = clock;
    }

    /** What applying did: the transaction, and the error that stopped it, if any. */
    record Applied(String txid, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** What a rollback left behind; empty {@code left} means the host is back at its before-image. */
    record Undone(String txid, List<String> left) {
        boolean complete() {
            return left.isEmpty();
        }
    }

    Applied apply(LoadedPolicy policy, List<Change> changes, List<String> previousResolvers) throws IOException {
        return apply(policy.policy().name(), policy.sha256(), changes, previousResolvers);
    }

    Applied apply(String policyName, String sha256, List<Change> changes, List<String> previousResolvers) throws IOException {
        try (Journal journal = state.begin(clock.instant())) {
            journal.append(new JournalEntry.Begin(journal.txid(), clock.instant().toString(), policyName,
                    sha256, previousResolvers));
            int seq = 0;
            for (Change change : changes) {
                seq++;
                String error = step(journal, seq, change);
                if (error != null) {
                    return new Applied(journal.txid(), error);
                }
            }
            return new Applied(journal.txid(), null);
        }
    }

    private String step(Journal journal, int seq, Change change) throws IOException {
        BeforeImage before;
        try {
            before = change.capture(host);
        } catch (IOException e) {
            return "cannot read " + change.target() + " before changing it: " + Planner.describe(e);
        }
        journal.append(new JournalEntry.Intent(seq, change, before));
        try {
            change.apply(host);
        } catch (IOException | RuntimeException e) {
            return change.summary() + " failed: " + Planner.describe(e);
        }
        journal.append(new JournalEntry.Done(seq));
        return null;
    }

    void pending(String txid, java.time.Instant deadline) throws IOException {
        try (Journal journal = state.reopen(txid)) {
            journal.append(new JournalEntry.Pending(clock.instant().toString(), deadline.toString()));
        }
    }

    void commit(String txid) throws IOException {
        try (Journal journal = state.reopen(txid)) {
            journal.append(new JournalEntry.Committed(clock.instant().toString()));
        }
    }

    /** Undoes every journaled change in reverse order, then re-reads each target to prove it is back. */
    Undone rollback(Transaction tx, String reason) throws IOException {
        List<String> left = new ArrayList<>();
        List<JournalEntry.Intent> intents = new ArrayList<>(tx.intents());
        java.util.Collections.reverse(intents);
        for (JournalEntry.Intent intent : intents) {
            String problem = undo(intent);
            if (problem != null) {
                left.add(problem);
            }
        }
        left.addAll(reloadAgain(tx.intents()));
        try (Journal journal = state.reopen(tx.id())) {
            String now = clock.instant().toString();
            journal.append(left.isEmpty() ? new JournalEntry.RolledBack(now, reason) : new JournalEntry.RollbackFailed(now, left));
        }
        return new Undone(tx.id(), left);
    }

    /** Services reloaded during apply read their restored configuration once more, in apply order. */
    private List<String> reloadAgain(List<JournalEntry.Intent> intents) {
        List<String> left = new ArrayList<>();
        java.util.Set<List<String>> done = new java.util.HashSet<>();
        for (JournalEntry.Intent intent : intents) {
            if (intent.change() instanceof Reload r && done.add(r.argv())) {
                try {
                    r.apply(host);
                } catch (IOException | RuntimeException e) {
                    left.add(r.target() + ": could not reload after restoring its files (" + Planner.describe(e) + ")");
                }
            }
        }
        return left;
    }

    private String undo(JournalEntry.Intent intent) {
        Change change = intent.change();
        try {
            change.undo(host, intent.before());
            if (!change.isAt(host, intent.before())) {
                return change.target() + " is not back to its before-image after undo";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return change.target() + ": undo failed (" + Planner.describe(e) + "); it should be " + describe(intent.before());
        }
    }

    private static String describe(BeforeImage before) {
        if (before instanceof BeforeImage.OfFile f) {
            return f.file().toString();
        }
        if (before instanceof BeforeImage.OfValue v) {
            return "\"" + v.value() + "\"";
        }
        if (before instanceof BeforeImage.OfProgram p) {
            return p.existed() ? "as journaled" : "absent";
        }
        return "unchanged";
    }
}
