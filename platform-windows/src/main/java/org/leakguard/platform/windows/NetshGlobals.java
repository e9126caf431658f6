package org.leakguard.platform.windows;

import java.util.Optional;

/**
 * The DNS client's global switches that only netsh sets: {@code netsh dnsclient set global doh=yes|no|auto
 * dot=yes|no ddr=yes|no} (learn.microsoft.com netsh-dnsclient). No cmdlet reads them and no registry value
 * holding them is documented (the 2020 {@code EnableAutoDoh} test key is not it: Microsoft retired it),
 * and netsh shows them only as localized text, which leakguard never parses. So they are unknown. Group
 * policy wins over every local setting (ADMX DNS_Doh: "if you do not configure this policy setting, the
 * DNS client will use locally configured settings"): with DoHPolicy 3 (Require) or a block they do not
 * decide; otherwise {@code doh=no} would win over the DoH list leakguard keeps.
 */
final class NetshGlobals {
    static final String SWITCHES = "netsh dnsclient global doh=, dot=, ddr=";

    private NetshGlobals() {}

    /** Why the switches are unknown, and which value wins over them or they over leakguard's. */
    static String describe(DohMode mode) {
        String unknown = SWITCHES + ": unknown (no cmdlet reads them, no registry value holding them is documented, and netsh"
                + " shows them only as localized text)";
        Optional<String> blocked = mode.blocked();
        if (blocked.isPresent()) {
            return unknown + "; group policy " + blocked.get() + " wins over them";
        }
        if (mode.required()) {
            return unknown + "; group policy " + Keys.DNS_POLICY + "\\" + DohMode.POLICY + " = 3 (Require) wins over them";
        }
        return unknown + "; without a group policy that requires DoH they decide with the DoH list, and doh=no would win over"
                + " it";
    }

    /** Whether the switches can override what leakguard keeps: no group policy decides DoH. */
    static boolean mayOverride(DohMode mode) {
        return mode.blocked().isEmpty() && !mode.required();
    }
}
