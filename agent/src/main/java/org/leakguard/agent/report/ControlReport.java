package org.leakguard.agent.report;

import java.util.List;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** One control's row: what it found and what was (or would be) changed. */
public record ControlReport(String id, Status status, List<ChangeReport> changes, List<Finding> findings) {
    public ControlReport {
        changes = List.copyOf(changes);
        findings = List.copyOf(findings);
    }
}
