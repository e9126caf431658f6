package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** The browsers control's changes and findings as each browser adds to them. */
final class BrowserPlan {
    private final List<Change> changes = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private boolean blocked;

    void change(Change c) {
        changes.add(c);
    }

    void note(Finding f) {
        findings.add(f);
    }

    /** A finding no change of leakguard's can resolve: the control stays non-compliant. */
    void block(Finding f) {
        findings.add(f);
        blocked = true;
    }

    Assessment assessment() {
        return blocked ? new Assessment(Status.NON_COMPLIANT, changes, findings) : Assessment.of(changes, findings);
    }
}
