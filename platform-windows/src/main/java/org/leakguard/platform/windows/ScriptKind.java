package org.leakguard.platform.windows;

/**
 * State owned by a Windows subsystem that only its cmdlets change. The journal stores the kind,
 * not the script text, so a rollback runs this version's scripts. Each script gets
 * {@code $in.subject} (what the state is about) and, to replace, {@code $in.state}.
 */
enum ScriptKind {
    /** All of leakguard's NRPT rules at once: no longer planned, kept so that journals that hold it still roll back. */
    NRPT(Scripts.NRPT_READ, Scripts.NRPT_REPLACE, Scripts.NRPT_REMOVE),
    /** leakguard's NRPT rule for one namespace, changed in place. */
    NRPT_RULE(Scripts.NRPT_RULE_READ, Scripts.NRPT_RULE_REPLACE, Scripts.NRPT_RULE_REMOVE),
    FIREWALL_RULE(Scripts.FIREWALL_RULE_READ, Scripts.FIREWALL_RULE_REPLACE, Scripts.FIREWALL_RULE_REMOVE),
    IPV6_BINDING(Scripts.BINDING_READ, Scripts.BINDING_REPLACE, null),
    DOH_SERVER(Scripts.DOH_READ, Scripts.DOH_REPLACE, Scripts.DOH_REMOVE),
    HYPERV_RULE(Scripts.HYPERV_RULE_READ, Scripts.HYPERV_RULE_REPLACE, Scripts.HYPERV_RULE_REMOVE);

    private final String read;
    private final String replace;
    private final String remove;

    ScriptKind(String read, String replace, String remove) {
        this.read = read;
        this.replace = replace;
        this.remove = remove;
    }

    /** Prints the state as JSON, or nothing when it does not exist. */
    String read() {
        return read;
    }

    /** Makes the state exactly {@code $in.state}. */
    String replace() {
        return replace;
    }

    /** Removes the state; null when it always exists (a binding is only switched). */
    String remove() {
        return remove;
    }
}
