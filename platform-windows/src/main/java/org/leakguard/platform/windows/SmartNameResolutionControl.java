package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;

/**
 * {@code smartNameResolution: disable}: no parallel queries on every adapter. The documented
 * value is under the policy key; the Dnscache copy (undocumented, where many guides put it) and
 * DisableParallelAandAAAA (community-documented) are written too, as they are harmless where
 * ignored. SANS found the switch unreliable across Windows 10 editions, which is why the resolvers
 * control also adds an NRPT "." rule.
 */
final class SmartNameResolutionControl implements Control<RegistrySeen> {
    static final String SMART = "DisableSmartNameResolution";
    static final String PARALLEL = "DisableParallelAandAAAA";

    @Override
    public String id() {
        return "smartNameResolution";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.smartNameResolution() == Toggle.DISABLE;
    }

    @Override
    public RegistrySeen observe(Spec spec, Host host) throws IOException {
        return RegistrySeen.read(Ports.registry(host), Map.of(Keys.DNS_POLICY, List.of(SMART), Keys.DNSCACHE, List.of(SMART, PARALLEL)));
    }

    @Override
    public Assessment plan(Spec spec, RegistrySeen seen) {
        List<Change> changes = new ArrayList<>();
        seen.write(Keys.DNS_POLICY, List.of(new RegEntry(SMART, RegValue.dword(1))),
                "Turn off smart multi-homed name resolution (documented group-policy value)").ifPresent(changes::add);
        seen.write(Keys.DNSCACHE, List.of(new RegEntry(SMART, RegValue.dword(1)), new RegEntry(PARALLEL, RegValue.dword(1))),
                "the same switch where many guides put it, and no parallel A/AAAA queries (both undocumented"
                + " by Microsoft, ignored where unsupported)").ifPresent(changes::add);
        List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("the DNS Client reads these values when it starts: they are certain to apply after"
                + " a reboot; the resolvers control's NRPT \".\" rule closes the same path at once"));
        return Assessment.of(changes, findings);
    }
}
