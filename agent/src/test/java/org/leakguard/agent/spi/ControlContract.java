package org.leakguard.agent.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;

/**
 * The contract every control keeps, run against fakes and, in the sandbox, the real thing: the
 * plan applied makes the host compliant (so a second apply changes nothing), and undoing in
 * reverse order puts every before-image back exactly.
 */
public final class ControlContract {
    private ControlContract() {}

    /** Runs the contract and returns the first plan for further checks. */
    public static <O> Assessment holds(Control<O> control, Spec spec, Host host) throws Exception {
        Assessment first = control.plan(spec, control.observe(spec, host));
        assertThat(first.status()).isEqualTo(Status.NON_COMPLIANT);
        assertThat(first.changes()).isNotEmpty();
        List<Change> changes = first.changes();
        List<BeforeImage> before = new ArrayList<>();
        for (Change c : changes) {
            before.add(c.capture(host));
            c.apply(host);
        }
        Assessment second = control.plan(spec, control.observe(spec, host));
        assertThat(second.changes()).as("a second apply is a no-op: %s", second.findings()).isEmpty();
        assertThat(second.status()).isEqualTo(Status.COMPLIANT);
        for (int i = changes.size() - 1; i >= 0; i--) {
            changes.get(i).undo(host, before.get(i));
        }
        // A target changed twice (ipv6 sets lo to 1 with all, then back to 0) is back at its first before-image.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < changes.size(); i++) {
            if (seen.add(changes.get(i).target())) {
                assertThat(changes.get(i).capture(host)).as("before-image of %s", changes.get(i).target())
                        .isEqualTo(before.get(i));
            }
        }
        return first;
    }
}
