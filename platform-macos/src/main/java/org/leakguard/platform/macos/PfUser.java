package org.leakguard.platform.macos;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A user as pf's {@code user} option takes it: checked here, before it reaches the ruleset text,
 * whatever the policy loader already checked.
 */
final class PfUser {
    /** Letters, digits, underscore and hyphen (no quote, space or brace can end pf's string), or a uid. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,31}");
    private static final Pattern UID = Pattern.compile("[0-9]{1,10}");
    /**
     * mDNSResponder's account and uid: every lookup through the system resolver leaves the Mac from
     * its sockets, so exempting it would let every program's DNS through.
     */
    static final List<String> RESOLVER = List.of("_mdnsresponder", "65");

    private PfUser() {}

    static boolean numeric(String user) {
        return UID.matcher(user).matches();
    }

    static boolean valid(String user) {
        try {
            check(user);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String check(String user) {
        boolean uid = numeric(user) && Long.parseLong(user) < 0xFFFFFFFFL;
        if (!uid && !NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("firewall.exceptions user \"" + user + "\" is not a user name pf accepts;"
                    + " use the account's short name (letters, digits, _ and -) or its numeric uid");
        }
        return user;
    }

    /** As the ruleset writes it: a uid bare (pf's NUMBER), a name quoted (pf's STRING, looked up with getpwnam). */
    static String token(String user) {
        return numeric(check(user)) ? user : "\"" + user + "\"";
    }

    /** {@code id -u NAME}: whether the account exists, asked before a load that would fail on an unknown name. */
    static List<String> lookup(String user) {
        return List.of("id", "-u", check(user));
    }
}
