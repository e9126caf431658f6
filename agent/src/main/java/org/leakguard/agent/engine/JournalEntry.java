package org.leakguard.agent.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;

/** One line of a transaction's journal. Each is fsync'd before the step it describes runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = JournalEntry.Begin.class, name = "begin"),
    @JsonSubTypes.Type(value = JournalEntry.Intent.class, name = "intent"),
    @JsonSubTypes.Type(value = JournalEntry.Done.class, name = "done"),
    @JsonSubTypes.Type(value = JournalEntry.Committed.class, name = "committed"),
    @JsonSubTypes.Type(value = JournalEntry.Pending.class, name = "pending"),
    @JsonSubTypes.Type(value = JournalEntry.RolledBack.class, name = "rolled-back"),
    @JsonSubTypes.Type(value = JournalEntry.RollbackFailed.class, name = "rollback-failed")
})
public sealed interface JournalEntry {

    /** @param previousResolvers what the host used before: the probes keep proving them unreachable */
    record Begin(String txid, String time, String policy, String sha256, List<String> previousResolvers) implements JournalEntry {
        public Begin {
            previousResolvers = previousResolvers == null ? List.of() : List.copyOf(previousResolvers);
        }
    }

    /** The change about to run and its target's state before it: enough to undo it after any crash. */
    record Intent(int seq, Change change, BeforeImage before) implements JournalEntry {}

    record Done(int seq) implements JournalEntry {}

    record Committed(String time) implements JournalEntry {}

    /** Applied and verified, but rolled back at {@code deadline} unless confirmed before. */
    record Pending(String time, String deadline) implements JournalEntry {}

    record RolledBack(String time, String reason) implements JournalEntry {}

    record RollbackFailed(String time, List<String> left) implements JournalEntry {}
}
