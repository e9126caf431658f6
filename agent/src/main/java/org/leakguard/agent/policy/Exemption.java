package org.leakguard.agent.policy;

/**
 * A program whose own DNS traffic the firewall lets through to any address (a VPN client that
 * looks up its server by name), named by who runs it rather than where it goes. Exactly one of
 * the three is set; each OS applies the kinds it can and reports the others as not applicable.
 *
 * @param user a Linux or macOS user name or numeric uid (nft {@code meta skuid}, pf {@code user})
 * @param cgroup a Linux cgroup v2 path relative to the root, e.g. {@code system.slice/openvpn.service}
 * @param program a Windows program's absolute path (Windows Firewall {@code -Program})
 */
public record Exemption(String user, String cgroup, String program) {

    /** What identifies the program. */
    public enum Kind {
        USER, CGROUP, PROGRAM;

        /** The key as written in the policy. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Exemption user(String user) {
        return new Exemption(user, null, null);
    }

    public static Exemption cgroup(String cgroup) {
        return new Exemption(null, cgroup, null);
    }

    public static Exemption program(String program) {
        return new Exemption(null, null, program);
    }

    /** The kind that is set; the loader refuses entries with none or more than one. */
    public Kind kind() {
        if (user != null) {
            return Kind.USER;
        }
        return cgroup != null ? Kind.CGROUP : Kind.PROGRAM;
    }

    public String value() {
        return switch (kind()) {
            case USER -> user;
            case CGROUP -> cgroup;
            case PROGRAM -> program;
        };
    }

    /** As the report shows it, e.g. {@code user openvpn}. */
    public String shown() {
        return kind().key() + " " + value();
    }
}
