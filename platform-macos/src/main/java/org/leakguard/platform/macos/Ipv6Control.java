package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code ipv6: disable}: IPv6 off on every enabled network service, so neither RA-learned
 * resolvers nor IPv6 routes around a tunnel remain. Each service's previous mode is its undo; a
 * manual configuration that cannot be read back whole is left alone and reported.
 */
final class Ipv6Control implements Control<Ipv6Control.Seen> {

    /** @param problem why the services could not be read; settings by service, in listed order */
    record Seen(String problem, Map<String, Ipv6Setting> settings, List<String> skipped) {}

    @Override
    public String id() {
        return "ipv6";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.ipv6() == Toggle.DISABLE;
    }

    @Override
    public Seen observe(Spec spec, Host host) {
        List<String> skipped = new ArrayList<>();
        Map<String, Ipv6Setting> settings = new LinkedHashMap<>();
        try {
            for (String name : ServiceReads.enabled(host, skipped)) {
                settings.put(name, Ipv6Setting.parse(Tools.stdout(host, Ipv6Setting.read(name))));
            }
        } catch (IOException | IllegalArgumentException e) {
            return new Seen("network services could not be read: " + e.getMessage(), Map.of(), skipped);
        }
        return new Seen(null, settings, skipped);
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        if (seen.problem() != null) {
            return Assessment.unknown(seen.problem());
        }
        List<Change> changes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        boolean blocked = false;
        for (Map.Entry<String, Ipv6Setting> e : seen.settings().entrySet()) {
            Ipv6Setting s = e.getValue();
            if (s.mode() == Ipv6Mode.OFF) {
                continue;
            }
            if (s.mode() == Ipv6Mode.NONE) {
                findings.add(Finding.info("\"" + e.getKey() + "\": networksetup -getinfo shows no IPv6 configuration"
                        + " (no IPv6: line, as with some VPN and bridge services), so it has no IPv6 to turn off"));
                continue;
            }
            Optional<String> why = s.unrestorable();
            if (why.isPresent()) {
                findings.add(Finding.error("\"" + e.getKey() + "\": " + why.get() + "; set Configure IPv6 to Automatically"
                        + " or Off in System Settings › Network, then apply again"));
                blocked = true;
            } else {
                changes.add(new SetIpv6Off(e.getKey(), "was " + s.mode().name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        seen.skipped().forEach(s -> findings.add(Finding.warning("IPv6 not turned off: " + s)));
        if (!changes.isEmpty()) {
            findings.add(Finding.info("turning IPv6 off drops the service's IPv6 addresses; rollback restores the mode"
                    + " (and a manual address), and addresses return as the network gives them"));
        }
        return new Assessment(changes.isEmpty() && !blocked ? Status.COMPLIANT : Status.NON_COMPLIANT, changes, findings);
    }
}
