package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.spi.Assessment;
import org.leakguard.agent.spi.Control;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code firewall}: Windows Firewall rules in one group leakguard owns ({@value
 * FirewallRules#GROUP}), compared with the wanted ones as a set keyed by rule name. Only a rule
 * that differs changes, in place; a rule the policy no longer wants goes after every other change,
 * so no block is ever lifted before its replacement holds. The rules and profiles are read from
 * the active store, so what Group Policy enforces counts: a profile it switches off, or local
 * rules it ignores, make the control non-compliant with the setting to change.
 */
final class FirewallControl implements Control<FirewallControl.Seen> {

    /** The group's rules in effect by name, and each profile with what Group Policy sets for it. */
    record Seen(Map<String, FirewallRule> rules, List<FirewallProfile> profiles) {
        Seen {
            rules = Map.copyOf(rules);
            profiles = List.copyOf(profiles);
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

    @Override
    public Seen observe(Spec spec, Host host) throws IOException {
        Ports.live(host);
        Map<String, List<String>> gpo = new LinkedHashMap<>();
        for (String profile : List.of("Domain", "Private", "Public")) {
            gpo.put(FirewallProfile.key(profile), List.of(FirewallProfile.ENABLE, FirewallProfile.MERGE));
        }
        RegistrySeen gpoValues = RegistrySeen.read(Ports.registry(host), gpo);
        ObjectNode in = PowerShell.JSON.createObjectNode();
        in.putObject("subject");
        List<FirewallProfile> profiles = FirewallProfile.parse(PowerShell.parse(PowerShell.run(host, Scripts.FIREWALL_PROFILES, in)), gpoValues);
        Map<String, FirewallRule> rules = new LinkedHashMap<>();
        FirewallRule.read(host).forEach(r -> rules.put(r.name(), r));
        return new Seen(rules, profiles);
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        List<Finding> findings = new ArrayList<>();
        List<FirewallRule> want = FirewallRules.wanted(spec, findings);
        List<Change> changes = new ArrayList<>();
        for (FirewallRule r : want) {
            FirewallRule now = seen.rules().get(r.name());
            if (!r.equals(now)) {
                changes.add(change(r.name(), List.of(r), (now == null ? "add: " : "change in place: ") + r.displayName()));
            }
        }
        for (String name : seen.rules().keySet().stream().sorted().toList()) {
            if (want.stream().noneMatch(r -> r.name().equals(name))) {
                changes.add(change(name, List.of(), "the policy no longer asks for it (removed after the other rules are in place)"));
            }
        }
        if (changes.isEmpty() && !want.isEmpty()) {
            findings.add(Finding.info("Windows Firewall group " + FirewallRules.GROUP + " holds the " + want.size() + " rules the policy needs"));
        }
        List<String> why = want.isEmpty() ? List.of()
                : seen.profiles().stream().flatMap(p -> p.whyRulesDoNothing().stream()).toList();
        if (!why.isEmpty()) {
            // Switching a profile on or overriding a GPO could cut the host off: that is for a person to decide.
            why.forEach(w -> findings.add(Finding.error("the rules are in place but block nothing there: " + w)));
            return new Assessment(Status.NON_COMPLIANT, changes, findings);
        }
        return Assessment.of(changes, findings);
    }

    private static Change change(String name, List<FirewallRule> state, String why) {
        ObjectNode subject = PowerShell.JSON.createObjectNode().put("group", FirewallRules.GROUP).put("name", name);
        return new ScriptState(ScriptKind.FIREWALL_RULE, "Windows Firewall rule " + name, subject.toString(),
                FirewallRule.render(state).toString(), why);
    }
}
