package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;

/**
 * {@code firewall}: Windows Firewall rules, all in one group leakguard owns ({@value
 * FirewallRules#GROUP}), replaced as a whole when they differ. Undo removes the group and puts
 * back what it held before (normally nothing); no other rule is read for change or touched.
 */
final class FirewallControl implements Control<FirewallControl.Seen> {

    /** The group's rules, and the names of the firewall profiles that are switched off. */
    record Seen(List<FirewallRule> rules, List<String> profilesOff) {
        Seen {
            rules = List.copyOf(rules);
            profilesOff = List.copyOf(profilesOff);
        }
    }

    @Override
    public String id() {
        return "firewall";
    }

    @Override
    public boolean governs(Spec spec) {
        return spec.firewall() != null;
    }

    static ObjectNode subject() {
        return PowerShell.JSON.createObjectNode().put("group", FirewallRules.GROUP);
    }

    @Override
    public Seen observe(Spec spec, Host host) throws IOException {
        Ports.live(host);
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        List<String> off = new ArrayList<>();
        for (var p : PsJson.items(PowerShell.parse(PowerShell.run(host, Scripts.FIREWALL_PROFILES, in)))) {
            if (!PsJson.text(p, "enabled").equalsIgnoreCase("True")) {
                off.add(PsJson.text(p, "name"));
            }
        }
        return new Seen(FirewallRule.read(host), off);
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        List<Finding> findings = new ArrayList<>();
        List<FirewallRule> want = FirewallRules.wanted(spec, findings);
        List<Change> changes = new ArrayList<>();
        if (!seen.rules().equals(want)) {
            changes.add(new ScriptState(ScriptKind.FIREWALL, "Windows Firewall group " + FirewallRules.GROUP,
                    subject().toString(), FirewallRule.render(want).toString(), want.isEmpty()
                    ? "the policy blocks nothing, so leakguard's rules go"
                    : "outbound " + want.stream().map(r -> r.protocol() + " " + r.remotePorts().get(0)).toList()
                    + " blocked except to the pinned resolvers (block rules beat allow rules, so the blocks list every other address)"));
        } else if (!want.isEmpty()) {
            findings.add(Finding.info("Windows Firewall group " + FirewallRules.GROUP + " holds the " + want.size() + " rules the policy needs"));
        }
        if (!want.isEmpty() && !seen.profilesOff().isEmpty()) {
            // Switching a profile on could cut the host off from what it serves: that is for a person to decide.
            findings.add(Finding.error("Windows Firewall is off for the " + String.join(", ", seen.profilesOff()) + " profile(s): the"
                    + " rules are in place but block nothing there; turn it on (Set-NetFirewallProfile -Enabled True) or"
                    + " block DNS in the firewall this host uses instead"));
            return new Assessment(org.leakguard.agent.spi.Status.NON_COMPLIANT, changes, findings);
        }
        return Assessment.of(changes, findings);
    }
}
