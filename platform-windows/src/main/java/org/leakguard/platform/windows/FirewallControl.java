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
 * so no block is ever lifted before its replacement holds. The rules are compared with the
 * local store leakguard writes, and checked in the active store, so what Group Policy enforces
 * counts: a profile it switches off, or local rules it keeps out of effect, make the control
 * non-compliant with the setting to change, and no change is planned that would not help.
 */
final class FirewallControl implements Control<FirewallControl.Seen> {

    /**
     * The group's rules in effect (the active store) and as stored locally (the store leakguard
     * writes), by name; each profile with what Group Policy sets for it; the VMs beside the host;
     * and leakguard's Hyper-V firewall rules by name (empty without that firewall).
     */
    record Seen(Map<String, FirewallRule> rules, Map<String, FirewallRule> stored, List<FirewallProfile> profiles, HyperVState hyperV,
            Map<String, FirewallRule> hyperVRules) {
        Seen {
            rules = Map.copyOf(rules);
            stored = Map.copyOf(stored);
            profiles = List.copyOf(profiles);
            hyperVRules = Map.copyOf(hyperVRules);
        }
    }

    /** Makes the change that sets one rule to a state (empty: removes it). */
    interface Maker {
        Change make(String name, List<FirewallRule> state, String why);
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
        return read(host);
    }

    /** What the policy does not change: the rules in effect, the profiles, the VMs. Also for diagnose. */
    static Seen read(Host host) throws IOException {
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
        FirewallRule.read(host, Scripts.FIREWALL_READ).forEach(r -> rules.put(r.name(), r));
        Map<String, FirewallRule> stored = new LinkedHashMap<>();
        FirewallRule.read(host, Scripts.FIREWALL_STORED).forEach(r -> stored.put(r.name(), r));
        HyperVState hyperV = HyperVState.read(host);
        return new Seen(rules, stored, profiles, hyperV, hyperV.firewall() ? HyperVRules.read(host) : Map.of());
    }

    @Override
    public Assessment plan(Spec spec, Seen seen) {
        List<Finding> findings = new ArrayList<>();
        List<FirewallRule> want;
        try {
            want = FirewallRules.wanted(spec, findings);
        } catch (IllegalArgumentException e) {
            // A path that would reach PowerShell unchecked: no rule of the group changes.
            return new Assessment(Status.NON_COMPLIANT, List.of(), List.of(Finding.error("spec.firewall.exceptions: program "
                    + e.getMessage() + "; nothing in the firewall was changed. Use the program's full path, e.g."
                    + " C:\\Program Files\\OpenVPN\\bin\\openvpn.exe")));
        }
        if (spec.firewall().portal() != null) {
            findings.add(Finding.info("firewall.portal: Windows opens no captive-portal window (agent portal open says the host"
                    + " cannot): Windows Firewall has no rule that expires by itself, so a window would stay open if the agent"
                    + " died, and an allow rule never beats leakguard's block rules; the rules above stay in force on a"
                    + " hotel's network too"));
        }
        List<Change> changes = new ArrayList<>();
        List<Change> removals = new ArrayList<>();
        // Changes follow the store leakguard writes; compliance follows the store in effect.
        diff(want, seen.stored(), FirewallControl::change, changes, removals);
        if (seen.hyperV().firewall()) {
            diff(HyperVRules.wanted(want), seen.hyperVRules(), HyperVRules::change, changes, removals);
        }
        changes.addAll(removals);
        if (changes.isEmpty() && !want.isEmpty()) {
            findings.add(Finding.info("Windows Firewall group " + FirewallRules.GROUP + " holds the " + want.size() + " rules the policy needs"));
        }
        List<String> why = new ArrayList<>(want.isEmpty() ? List.of()
                : seen.profiles().stream().flatMap(p -> p.whyRulesDoNothing().stream()).toList());
        if (changes.isEmpty()) {
            notInEffect(want, seen.rules()).ifPresent(why::add);
        }
        guests(want, seen.hyperV(), findings, why);
        if (!why.isEmpty()) {
            // Switching a profile on or overriding a GPO could cut the host off: that is for a person to decide.
            why.forEach(w -> findings.add(Finding.error(w)));
            return new Assessment(Status.NON_COMPLIANT, changes, findings);
        }
        return Assessment.of(changes, findings);
    }

    /**
     * Rules stored as wanted but absent from (or different in) the active store: Group Policy keeps
     * them out of effect. Writing them again would change nothing, so no change is planned for them.
     */
    private static java.util.Optional<String> notInEffect(List<FirewallRule> want, Map<String, FirewallRule> active) {
        List<String> missing = want.stream().filter(r -> !r.equals(active.get(r.name()))).map(FirewallRule::name).toList();
        return missing.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of("leakguard's rules " + missing + " are stored"
                + " but not in effect (absent from the active store, where Group Policy decides whether local rules count), so"
                + " they block nothing; allow local rule merging in that GPO or deploy these rules through it");
    }

    /** Rules that differ change in place; rules no longer wanted are set apart to go last. */
    static void diff(List<FirewallRule> want, Map<String, FirewallRule> seen, Maker maker, List<Change> changes, List<Change> removals) {
        for (FirewallRule r : want) {
            FirewallRule now = seen.get(r.name());
            if (!r.equals(now)) {
                changes.add(maker.make(r.name(), List.of(r), (now == null ? "add: " : "change in place: ") + r.displayName()));
            }
        }
        for (String name : seen.keySet().stream().sorted().toList()) {
            if (want.stream().noneMatch(r -> r.name().equals(name))) {
                removals.add(maker.make(name, List.of(), "the policy no longer asks for it (removed after the other rules are in place)"));
            }
        }
    }

    /**
     * VMs send DNS through a virtual switch, past the host's rules: WSL is covered where the Hyper-V
     * firewall exists and is on for WSL's VM creator (off, it is non-compliant whether WSL runs now
     * or not); without it, a host with VMs cannot be compliant. Hyper-V VMs of other
     * creators are named either way.
     */
    private static void guests(List<FirewallRule> want, HyperVState hv, List<Finding> findings, List<String> why) {
        if (want.isEmpty()) {
            return;
        }
        hv.whyWslUnfiltered().ifPresent(why::add);
        if (hv.guests().isEmpty()) {
            return;
        }
        if (!hv.firewall()) {
            why.add("this host runs VMs (" + String.join(", ", hv.guests()) + ") but has no Hyper-V firewall (Windows 11 22H2"
                    + " and later), so their DNS leaves through the virtual switch past these rules; pin their resolvers"
                    + " inside each VM or filter at the switch");
        } else if (!hv.vms().isEmpty()) {
            findings.add(Finding.warning("Hyper-V VMs " + hv.vms() + " are not WSL's: the Hyper-V firewall rules leakguard adds"
                    + " cover WSL (VM creator " + HyperVRules.WSL + "); pin their resolvers inside each VM"));
        }
    }

    private static Change change(String name, List<FirewallRule> state, String why) {
        ObjectNode subject = PowerShell.JSON.createObjectNode().put("group", FirewallRules.GROUP).put("name", name);
        return new ScriptState(ScriptKind.FIREWALL_RULE, "Windows Firewall rule " + name, subject.toString(),
                FirewallRule.render(state).toString(), why);
    }
}
