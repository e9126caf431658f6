package org.leakguard.agent.engine;

import java.util.List;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;

/** A host that fights back: whatever is applied, the control still sees the old state. */
final class RevertingControl implements Control<Boolean> {
    @Override
    public String id() {
        return "reverting";
    }

    @Override
    public boolean governs(Spec spec) {
        return true;
    }

    @Override
    public Boolean observe(Spec spec, Host host) {
        return false;
    }

    @Override
    public Assessment plan(Spec spec, Boolean observed) {
        return Assessment.of(List.of(WriteFile.text("/etc/reverting", "x\n", 0644, "something")), List.of());
    }
}
