package org.leakguard.agent.watch;

import java.util.List;
import java.util.Set;

/** What the watch loop watches and repairs: in the agent, the policy through the engine. */
public interface WatchTarget {

    /**
     * Plans against the host, read-only.
     *
     * @return the changes that would repair a drift (empty when none), and the paths the plan read
     */
    Drift plan() throws Exception;

    /** Repairs through the usual apply path (journal, verify, rollback); returns the outcome in one line. */
    String repair() throws Exception;

    /** A plan's result: change summaries, and the files and folders it read. */
    record Drift(List<String> changes, Set<String> files, Set<String> listed) {
        public Drift {
            changes = List.copyOf(changes);
            files = Set.copyOf(files);
            listed = Set.copyOf(listed);
        }
    }
}
