package org.leakguard.agent.spi;

import java.util.List;
import org.leakguard.agent.change.Change;

/**
 * A control's verdict on the host: its status, the changes that would make it compliant, and
 * what a person should know.
 */
public record Assessment(Status status, List<Change> changes, List<Finding> findings) {

    public Assessment {
        changes = List.copyOf(changes);
        findings = List.copyOf(findings);
        if (status == Status.COMPLIANT && !changes.isEmpty()) {
            throw new IllegalArgumentException("a compliant control has no changes to make");
        }
    }

    /** Compliant when there is nothing to change, else non-compliant. */
    public static Assessment of(List<Change> changes, List<Finding> findings) {
        return new Assessment(changes.isEmpty() ? Status.COMPLIANT : Status.NON_COMPLIANT, changes, findings);
    }

    public static Assessment notApplicable(String why) {
        return new Assessment(Status.NOT_APPLICABLE, List.of(), List.of(Finding.info(why)));
    }

    public static Assessment unknown(String why) {
        return new Assessment(Status.UNKNOWN, List.of(), List.of(Finding.warning(why)));
    }
}
