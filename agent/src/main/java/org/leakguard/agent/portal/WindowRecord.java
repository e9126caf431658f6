package org.leakguard.agent.portal;

import java.time.Instant;
import java.util.List;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.spi.PortalWindow;

/**
 * The window as its journal tells it: the newest opening, and the transaction that closed it, if
 * one did. Pure.
 *
 * @param opened the transaction that opened it, or null when no window was ever opened
 * @param closedBy the transaction that recorded its close, or null while none has
 */
record WindowRecord(Transaction opened, PortalWindow.Step opening, Transaction closedBy, PortalWindow.Step closing) {
    static final WindowRecord NONE = new WindowRecord(null, null, null, null);

    /** Folds the journal's committed transactions, oldest first, into the latest window. */
    static WindowRecord of(List<Transaction> all) {
        WindowRecord out = NONE;
        for (Transaction tx : all) {
            if (tx.state() != Transaction.State.COMMITTED) {
                continue;
            }
            for (var intent : tx.intents()) {
                if (intent.change() instanceof PortalWindow.Step step) {
                    out = step.until() != null ? new WindowRecord(tx, step, null, null)
                            : out.opened == null ? out : new WindowRecord(out.opened, out.opening, tx, step);
                }
            }
        }
        return out;
    }

    /** Opened, and no close recorded since. */
    boolean unclosed() {
        return opened != null && closedBy == null;
    }

    Instant until() {
        return Instant.parse(opening.until());
    }
}
