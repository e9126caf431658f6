package org.leakguard.agent.engine;

import java.util.ArrayList;
import java.util.List;

/** A transaction as read back from its journal. */
public record Transaction(
        String id, JournalEntry.Begin begin, List<JournalEntry.Intent> intents, State state, String detail, String deadline) {

    public enum State {
        /** Changes were being applied when the process stopped: must be rolled back. */
        UNFINISHED,
        /** Applied and verified, awaiting {@code agent confirm} before its deadline. */
        PENDING,
        COMMITTED,
        ROLLED_BACK,
        ROLLBACK_FAILED,
        /** Its journal has a damaged line before the last: neither replayed nor undone, kept for a person. */
        DAMAGED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Transaction {
        intents = List.copyOf(intents);
    }

    /** Whether a pending transaction's deadline has passed. */
    public boolean expired(java.time.Instant now) {
        return state == State.PENDING && deadline != null && !now.isBefore(java.time.Instant.parse(deadline));
    }

    /** A transaction whose journal cannot be read back; {@code why} names the line. */
    static Transaction damaged(String id, String why) {
        return new Transaction(id, null, List.of(), State.DAMAGED, why, null);
    }

    /** Folds journal lines into the transaction's current state. */
    static Transaction of(String id, List<JournalEntry> entries) {
        JournalEntry.Begin begin = null;
        List<JournalEntry.Intent> intents = new ArrayList<>();
        State state = State.UNFINISHED;
        String detail = "";
        String deadline = null;
        for (JournalEntry e : entries) {
            if (e instanceof JournalEntry.Begin b) {
                begin = b;
            } else if (e instanceof JournalEntry.Intent i) {
                intents.add(i);
            } else if (e instanceof JournalEntry.Pending p) {
                state = State.PENDING;
                deadline = p.deadline();
            } else if (e instanceof JournalEntry.Committed) {
                state = State.COMMITTED;
            } else if (e instanceof JournalEntry.RolledBack r) {
                state = State.ROLLED_BACK;
                detail = r.reason();
            } else if (e instanceof JournalEntry.RollbackFailed f) {
                state = State.ROLLBACK_FAILED;
                detail = String.join("; ", f.left());
            }
        }
        return new Transaction(id, begin, intents, state, detail, deadline);
    }
}
