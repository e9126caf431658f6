package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Windows Firewall profile (Domain, Private, Public) as the active store has it, and what
 * Group Policy sets for it under {@link #GPO_KEY}: a GPO can switch the firewall off for a
 * profile, or stop local rules from counting (AllowLocalPolicyMerge 0), which silently ignores
 * every rule leakguard adds.
 *
 * @param gpoEnabled {@code EnableFirewall} from Group Policy, when set
 * @param gpoMerge {@code AllowLocalPolicyMerge} from Group Policy, when set
 */
record FirewallProfile(String name, boolean enabled, boolean localRulesApply, Optional<Long> gpoEnabled, Optional<Long> gpoMerge) {
    static final String GPO_KEY = "HKLM\\SOFTWARE\\Policies\\Microsoft\\WindowsFirewall";
    static final String ENABLE = "EnableFirewall";
    static final String MERGE = "AllowLocalPolicyMerge";
    /** Where an admin changes both in the Group Policy editor. */
    static final String GPO_PATH = "Computer Configuration > Policies > Windows Settings > Security Settings > Windows Defender"
            + " Firewall with Advanced Security > Windows Defender Firewall Properties > ";

    /** The registry key Group Policy writes this profile's settings to. */
    static String key(String profile) {
        return GPO_KEY + "\\" + profile + "Profile";
    }

    /**
     * Parses {@link Scripts#FIREWALL_PROFILES}. AllowLocalFirewallRules prints as True, False or
     * NotConfigured; only False ignores local rules (NotConfigured keeps the default, which merges).
     */
    static List<FirewallProfile> parse(JsonNode printed, RegistrySeen gpo) {
        List<FirewallProfile> out = new ArrayList<>();
        for (JsonNode p : PsJson.items(printed)) {
            String name = PsJson.text(p, "name");
            out.add(new FirewallProfile(name, PsJson.text(p, "enabled").equalsIgnoreCase("True"),
                    !PsJson.text(p, "allowLocalFirewallRules").equalsIgnoreCase("False"),
                    gpo.value(key(name), ENABLE).map(RegValue::number), gpo.value(key(name), MERGE).map(RegValue::number)));
        }
        return out;
    }

    /** Why leakguard's rules do nothing in this profile, with the setting to change; empty when they work. */
    Optional<String> whyRulesDoNothing() {
        if (!enabled) {
            return Optional.of(gpoEnabled.equals(Optional.of(0L))
                    ? "Group Policy turns Windows Firewall off for the " + name + " profile (" + key(name) + "\\" + ENABLE
                    + " = 0), so leakguard's rules block nothing there; set \"" + GPO_PATH + name + " Profile > Firewall state\" to On in that GPO"
                    : "Windows Firewall is off for the " + name + " profile, so leakguard's rules block nothing there: turn it on (Set-NetFirewallProfile -Profile " + name
                    + " -Enabled True) or block DNS in the firewall this host uses instead");
        }
        if (!localRulesApply) {
            return Optional.of("Group Policy ignores local firewall rules, leakguard's included, in the " + name + " profile ("
                    + (gpoMerge.isPresent() ? key(name) + "\\" + MERGE + " = " + gpoMerge.get() : "AllowLocalFirewallRules False in the active store")
                    + "); set \"" + GPO_PATH + name + " Profile > Settings: Customize > Rule merging: Apply local firewall rules\""
                    + " to Yes, or deploy the rules leakguard plans through that GPO");
        }
        return Optional.empty();
    }
}
