package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Toggle;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code macos.privateRelay: disable}: iCloud Private Relay sends Safari's lookups around every
 * resolver setting and the firewall. Only a configuration profile can turn it off (the exported
 * one carries the restriction), so this control changes nothing: it reads whether an installed
 * profile does, and says how to install leakguard's.
 */
final class PrivateRelayControl implements Control<PrivateRelayControl.Seen> {

    /** @param off whether an installed profile turns it off; null with {@code problem} when unreadable */
    record Seen(Boolean off, String problem) {}

    @Override
    public String id() {
        return "privateRelay";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.macos() != null && spec.macos().privateRelay() == Toggle.DISABLE;
    }

    @Override
    public Seen observe(Spec spec, Host host) {
        try {
            return new Seen(PrivateRelay.off(host), null);
        } catch (IOException | IllegalArgumentException e) {
            return new Seen(null, e.getMessage());
        }
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        List<Finding> findings = new ArrayList<>();
        Status status;
        if (seen.off() == null) {
            findings.add(Finding.warning("iCloud Private Relay: could not tell whether a profile turns it off ("
                    + seen.problem() + ")"));
            status = Status.UNKNOWN;
        } else if (seen.off()) {
            findings.add(Finding.info("iCloud Private Relay is turned off by an installed configuration profile"
                    + " (allowCloudPrivateRelay false)"));
            status = Status.COMPLIANT;
        } else {
            findings.add(Finding.error("iCloud Private Relay may be on: no installed profile sets allowCloudPrivateRelay"
                    + " false, and while it is on Safari's lookups bypass the pinned servers. The exported profile ("
                    + MobileConfig.of(spec).orElseThrow().identifier() + ") carries the restriction. " + ProfileCheck.INSTALL));
            status = Status.NON_COMPLIANT;
        }
        findings.add(Finding.info("on the network side, " + PrivateRelay.SWITCH));
        return new Assessment(status, List.of(), findings);
    }
}
