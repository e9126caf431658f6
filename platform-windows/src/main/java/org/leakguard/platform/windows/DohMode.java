package org.leakguard.platform.windows;

import java.util.List;
import java.util.Optional;

/**
 * The DoH mode in effect, from the group-policy values (ADMX "Configure DNS over HTTPS (DoH) name
 * resolution", REFERENCE 1.4) and the DoH list. Group policy wins over every local setting.
 *
 * @param dohPolicy DoHPolicy: 1 prohibit, 2 allow, 3 require; absent = local settings decide
 * @param dohSetting DohPolicySetting of the newer ADMX: 1 blocks DoH whatever DoHPolicy says
 */
record DohMode(Optional<RegValue> dohPolicy, Optional<RegValue> dohSetting) {
    static final String POLICY = "DoHPolicy";
    static final String DOH_SETTING = "DohPolicySetting";
    static final String DOT_SETTING = "DotPolicySetting";
    /** Where Group Policy writes them, and where to change them. */
    static final String GPO = "Computer Configuration > Administrative Templates > Network > DNS Client >"
            + " Configure DNS over HTTPS (DoH) name resolution";

    static DohMode read(RegistrySeen seen) {
        return new DohMode(seen.value(Keys.DNS_POLICY, POLICY), seen.value(Keys.DNS_POLICY, DOH_SETTING));
    }

    /** Group policy stops DoH outright: DoHPolicy prohibit, or DohPolicySetting block. */
    Optional<String> blocked() {
        if (dword(dohPolicy) == 1) {
            return Optional.of(Keys.DNS_POLICY + "\\" + POLICY + " = 1 (Prohibit)");
        }
        if (dword(dohSetting) == 1) {
            return Optional.of(Keys.DNS_POLICY + "\\" + DOH_SETTING + " = 1 (Block DoH)");
        }
        return Optional.empty();
    }

    boolean required() {
        return dword(dohPolicy) == 3 && blocked().isEmpty();
    }

    /** One line for people: which setting decides, and what it decides. */
    String describe(Optional<List<DohEntry>> list) {
        if (list.isEmpty()) {
            return "no DoH client on this Windows build: every lookup is plain DNS";
        }
        Optional<String> blocked = blocked();
        if (blocked.isPresent()) {
            return "prohibited by group policy (" + blocked.get() + "): every lookup is plain DNS, whatever the DoH list says";
        }
        List<String> upgraded = list.get().stream().filter(DohEntry::autoUpgrade)
                .map(e -> e.server() + (e.udpFallback() ? " (plain fallback)" : "")).toList();
        String servers = upgraded.isEmpty() ? "no server on the DoH list has auto-upgrade, so lookups are plain unless an"
                + " adapter asks for DoH" : "lookups to " + upgraded + " are encrypted";
        if (required()) {
            return "required by group policy (" + Keys.DNS_POLICY + "\\" + POLICY + " = 3): only servers on the DoH list are"
                    + " used; " + servers;
        }
        return (dohPolicy.isPresent() ? "allowed by group policy (" + POLICY + " = " + dword(dohPolicy) + ")"
                : "no group policy (local settings decide)") + ": " + servers;
    }

    private static long dword(Optional<RegValue> v) {
        return v.filter(x -> x.type() == RegType.DWORD).map(RegValue::number).orElse(-1L);
    }
}
