package org.leakguard.platform.macos;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.util.List;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Ends pf's states to addresses the new rules block: pf lets a flow with a state pass without
 * looking at rules, so a DNS or DoH flow opened before the load would outlive it. pfctl's
 * {@code -k} matches hosts, not ports, so the targets are the resolvers in use and the DoH list.
 * Nothing to undo: a killed state is re-created by the next packet the rules let through.
 */
@JsonTypeName("macos-pf-kill-states")
record KillStates(List<String> addresses, String why) implements PlatformChange {

    KillStates {
        addresses = List.copyOf(addresses);
        addresses.forEach(Pfctl::killTo);
    }

    @Override
    public String target() {
        return "pf states";
    }

    @Override
    public String summary() {
        return "kill pf states to " + addresses.size() + " addresses (" + String.join(" ", addresses.subList(0,
                Math.min(4, addresses.size()))) + (addresses.size() > 4 ? " ..." : "") + "): " + why;
    }

    @Override
    public BeforeImage capture(Host host) {
        return new BeforeImage.Nothing();
    }

    @Override
    public void apply(Host host) throws IOException {
        for (String a : addresses) {
            Tools.check(host, Pfctl.killTo(a), null);
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) {
        // See the class comment.
    }
}
