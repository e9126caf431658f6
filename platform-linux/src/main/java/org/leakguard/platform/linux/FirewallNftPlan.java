package org.leakguard.platform.linux;

import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.change.ProgramState;
import org.leakguard.agent.spi.Finding;

/** The runtime part with nft: one table of leakguard's own, loaded or removed atomically. Pure. */
final class FirewallNftPlan {
    private FirewallNftPlan() {}

    static List<Change> runtime(Optional<WantedTable> want, FirewallState seen, List<Finding> findings) {
        return want.isPresent() ? load(want.get(), seen, findings) : remove(seen, findings);
    }

    private static List<Change> load(WantedTable want, FirewallState seen, List<Finding> findings) {
        if (seen.kind() == FirewallState.Kind.ABSENT) {
            findings.add(Finding.info("table " + WantedTable.QUALIFIED + " is not loaded"));
            return List.of(load(want));
        }
        List<String> diffs = TableCheck.differences(want, seen.table());
        if (diffs.isEmpty()) {
            findings.add(Finding.info("table " + WantedTable.QUALIFIED + " is loaded and intact ("
                    + want.digestComment() + ")"));
            return List.of();
        }
        diffs.forEach(d -> findings.add(Finding.warning("table " + WantedTable.QUALIFIED + ": " + d)));
        return List.of(load(want));
    }

    private static List<Change> remove(FirewallState seen, List<Finding> findings) {
        if (seen.kind() == FirewallState.Kind.ABSENT) {
            findings.add(Finding.info("the firewall section blocks nothing, and no leakguard table is loaded"));
            return List.of();
        }
        // The prologue alone ends with the table deleted; undo re-feeds the listed table.
        return List.of(new ProgramState(WantedTable.QUALIFIED, FirewallControl.LIST, FirewallControl.LOAD,
                WantedTable.PROLOGUE, FirewallControl.DELETE, "the firewall section blocks nothing: remove leakguard's table"));
    }

    static ProgramState load(WantedTable want) {
        return new ProgramState(WantedTable.QUALIFIED, FirewallControl.LIST, FirewallControl.LOAD, want.script(),
                FirewallControl.DELETE, "load the DNS leak rules atomically (" + want.digestComment() + ")");
    }
}
