package org.leakguard.agent.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which applied transactions a rollback takes back, newest first.
 *
 * <ul>
 *   <li>{@code TXID}: that one, which must be the newest applied.
 *   <li>{@code --last}: the latest application of a policy: the newest applied transaction and the
 *       applied ones just before it with the same policy digest (the repairs a later apply, watch
 *       or scheduled run made on top of it). So after apply, drift, repair, {@code --last} takes
 *       the host back to where it was before that policy's first apply, not to the drift.
 *   <li>{@code --all}: every applied transaction: the host as it was before leakguard.
 * </ul>
 *
 * A damaged journal stops any rollback it sits among: what it changed cannot be known.
 */
final class Unwind {
    private Unwind() {}

    static boolean applied(Transaction t) {
        return t.state() == Transaction.State.COMMITTED || t.state() == Transaction.State.PENDING;
    }

    /** The transactions {@code rollback --last} undoes, newest first; empty when none is applied. */
    static List<Transaction> last(List<Transaction> all) {
        List<Transaction> applied = newestFirst(all);
        List<Transaction> out = new ArrayList<>();
        for (Transaction t : applied) {
            if (!out.isEmpty() && !sameDigest(out.get(0), t)) {
                break;
            }
            out.add(t);
        }
        return out;
    }

    /** Every applied transaction, newest first. */
    static List<Transaction> all(List<Transaction> all) {
        return newestFirst(all);
    }

    /** The one named, when it is the newest applied; else why not. */
    static List<Transaction> named(List<Transaction> all, String txid, String stateDir) {
        Transaction target = all.stream().filter(t -> t.id().equals(txid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no transaction " + txid + " in " + stateDir
                        + "; `agent status` lists them"));
        if (!applied(target)) {
            throw new IllegalArgumentException("transaction " + target.id() + " is " + target.state().label()
                    + ", not applied; nothing to roll back");
        }
        Optional<Transaction> latest = newestFirst(all).stream().findFirst();
        if (latest.isPresent() && !latest.get().id().equals(target.id())) {
            throw new IllegalArgumentException("transaction " + target.id() + " is not the latest applied one; roll back "
                    + latest.get().id() + " first (later changes were made on top of it)");
        }
        return List.of(target);
    }

    /** Refuses when a damaged journal is newer than the oldest transaction to undo. */
    static void refuseAcrossDamage(List<Transaction> all, List<Transaction> undo) throws IOException {
        if (undo.isEmpty()) {
            return;
        }
        refuseDamaged(all.subList(all.indexOf(undo.get(undo.size() - 1)), all.size()));
    }

    /** Refuses when any of {@code txs} has a damaged journal. */
    static void refuseDamaged(List<Transaction> txs) throws IOException {
        for (Transaction t : txs) {
            if (t.state() == Transaction.State.DAMAGED) {
                throw new IOException("cannot roll back past transaction " + t.id() + ": " + t.detail());
            }
        }
    }

    private static List<Transaction> newestFirst(List<Transaction> all) {
        List<Transaction> out = new ArrayList<>(all.stream().filter(Unwind::applied).toList());
        java.util.Collections.reverse(out);
        return out;
    }

    private static boolean sameDigest(Transaction a, Transaction b) {
        return a.begin() != null && b.begin() != null && a.begin().sha256() != null
                && a.begin().sha256().equals(b.begin().sha256());
    }
}
