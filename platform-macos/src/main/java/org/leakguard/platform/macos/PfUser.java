package org.leakguard.platform.macos;

import java.util.List;
import java.util.regex.Pattern;
import org.leakguard.agent.host.CommandResult;

/**
 * A user as pf's {@code user} option takes it: checked here, before it reaches the ruleset text,
 * whatever the policy loader already checked.
 */
final class PfUser {
    /** Letters, digits, underscore and hyphen (no quote, space or brace can end pf's string), or a uid. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,31}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** pf's parse.y refuses a uid of UID_MAX (4294967295, which is (uid_t)-1) or more. */
    static final long MAX_UID = 4294967294L;
    static final long ROOT = 0;
    /** _mdnsresponder's uid in every macOS /etc/passwd. */
    static final long MDNSRESPONDER = 65;

    private PfUser() {}

    /** Digits only: pf reads them as a decimal uid, so 065 is 65. */
    static boolean numeric(String user) {
        return DIGITS.matcher(user).matches();
    }

    static boolean valid(String user) {
        try {
            check(user);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The user as written into the ruleset: a name unchanged, a uid as its number without leading zeros. */
    static String check(String user) {
        if (numeric(user)) {
            return Long.toString(uid(user));
        }
        if (!NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("firewall.exceptions user \"" + user + "\" is not a user name pf accepts;"
                    + " use the account's short name (letters, digits, _ and -) or its numeric uid");
        }
        return user;
    }

    /** A numeric user as the number pf reads, at most {@value #MAX_UID}. */
    static long uid(String digits) {
        String bare = digits.replaceFirst("^0+(?=.)", "");
        if (!numeric(digits) || bare.length() > 10 || Long.parseLong(bare) > MAX_UID) {
            throw new IllegalArgumentException("firewall.exceptions user \"" + digits + "\" is not a uid pf accepts"
                    + " (0 to " + MAX_UID + ")");
        }
        return Long.parseLong(bare);
    }

    /**
     * Why pf must not exempt this uid, or null: root's sockets are nearly every daemon's, and
     * mDNSResponder sends every lookup of the Mac from its own.
     */
    static String refusal(long uid) {
        if (uid == ROOT) {
            return "uid 0 is root, and exempting it would let nearly every daemon's DNS through; run the VPN client"
                    + " as an account of its own";
        }
        if (uid == MDNSRESPONDER) {
            return "uid 65 is _mdnsresponder: mDNSResponder sends every lookup of this Mac, so exempting it would let"
                    + " every program's DNS through; exempt the VPN client's own account instead";
        }
        return null;
    }

    /** As {@link #refusal(long)}, for the accounts that hold those uids on every Mac, whatever id -u says. */
    static String refusal(String user) {
        return numeric(user) ? refusal(uid(user)) : user.equals("root") ? refusal(ROOT)
                : user.equals("_mdnsresponder") ? refusal(MDNSRESPONDER) : null;
    }

    /** As the ruleset writes it: a uid bare (pf's NUMBER), a name quoted (pf's STRING, looked up with getpwnam). */
    static String token(String user) {
        String checked = check(user);
        return numeric(checked) ? checked : "\"" + checked + "\"";
    }

    /** {@code id -u NAME}: whether the account exists, asked before a load that would fail on an unknown name. */
    static List<String> lookup(String user) {
        return List.of("id", "-u", check(user));
    }

    /**
     * What {@code id -u NAME} answered: its uid; no such user (BSD id's {@code errx(1, "%s: no such
     * user")}); or anything else, which says nothing about the account.
     */
    static UidLookup parse(String user, CommandResult r) {
        String out = r.stdout().strip();
        if (r.ok() && numeric(out)) {
            try {
                return new UidLookup.Found(uid(out));
            } catch (IllegalArgumentException e) {
                return new UidLookup.Unanswered("id -u " + user + " printed " + out + ", which is no uid");
            }
        }
        if (r.exitCode() == 1 && r.stderr().contains(user + ": no such user")) {
            return new UidLookup.NoSuchUser();
        }
        String said = (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip();
        return new UidLookup.Unanswered("id -u " + user + " exited " + r.exitCode() + (said.isEmpty() ? "" : ": " + said));
    }
}
