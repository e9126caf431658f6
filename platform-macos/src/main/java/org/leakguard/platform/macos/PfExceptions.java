package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.policy.PortRule;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/**
 * {@code firewall.exceptions} as pf rules: for each {@code user}, 53 and 853 (UDP and TCP) pass to
 * any address for packets of that user's sockets, placed before the blocks. pf matches the socket's
 * owner, so this covers a program that sends its own DNS packets; a lookup through the system
 * resolver (getaddrinfo) is sent by mDNSResponder and stays pinned, which the report says.
 * {@code cgroup} and {@code program} have no pf equivalent: reported as not applicable. Pure.
 */
final class PfExceptions {
    private PfExceptions() {}

    /**
     * The pass rules, one per protocol and port (labels {@code excN-udp-53} ...), and a finding per
     * exception: in force, left out, refused, or not applicable. A name is written as the uid
     * {@code id -u} gave: pf looks names up when it loads, and the LaunchDaemon loads the same rules
     * at boot, where an account removed since would fail the whole ruleset and leave the Mac without
     * its rules.
     *
     * @param userIds what {@code id -u} said of each user name; a name absent here was not asked
     */
    static List<PfRule> rules(List<Exemption> exceptions, Map<String, UidLookup> userIds, boolean plain, boolean dot,
            List<Finding> findings) {
        List<PfRule> out = new ArrayList<>();
        for (int i = 0; i < exceptions.size(); i++) {
            Exemption e = exceptions.get(i);
            String key = "firewall.exceptions[" + i + "] " + e.shown();
            if (e.kind() != Exemption.Kind.USER) {
                findings.add(Finding.info(key + ": not applicable on macOS (" + (e.kind() == Exemption.Kind.CGROUP
                        ? "cgroups are Linux only" : "a program path is for the Windows Firewall") + "); left out"));
                continue;
            }
            if (!plain && !dot) {
                findings.add(Finding.info(key + ": firewall.plainDns and dnsOverTls block nothing, so there is nothing"
                        + " to except; left out"));
                continue;
            }
            String refused = refused(e.value(), userIds);
            if (refused != null) {
                findings.add(Finding.error(key + ": " + refused));
                continue;
            }
            String unread = unread(e.value(), userIds);
            if (unread != null) {
                findings.add(Finding.warning(key + ": " + unread));
                continue;
            }
            String uid = Long.toString(uid(e.value(), userIds));
            String name = "exc" + (i + 1);
            if (plain) {
                out.add(new PfRule(name + "-udp-53", true, false, "udp", 53, null, uid));
                out.add(new PfRule(name + "-tcp-53", true, false, "tcp", 53, null, uid));
            }
            if (dot) {
                out.add(new PfRule(name + "-tcp-853", true, false, "tcp", 853, null, uid));
                out.add(new PfRule(name + "-udp-853", true, false, "udp", 853, null, uid));
            }
            findings.add(Finding.info("exception in force: " + key + (uid.equals(e.value()) ? "" : " (uid " + uid + ")")
                    + ": DNS (" + (plain && dot ? "53 and 853" : plain ? "53" : "853") + ", UDP and TCP) from sockets"
                    + " this user owns passes to any address; its lookups through the system resolver are sent by"
                    + " mDNSResponder and stay pinned"));
        }
        return List.copyOf(out);
    }

    /**
     * The exceptions' part of the firewall's verdict: non-compliant when one is refused (the policy
     * asks for what this Mac will not do), unknown when id could not say whether an account exists.
     * With no port blocked there is nothing to except, so nothing is judged.
     */
    static Status status(Firewall fw, Map<String, UidLookup> userIds) {
        if (fw.plainDns() != PortRule.BLOCK_OTHERS && fw.dnsOverTls() != PortRule.BLOCK_OTHERS) {
            return Status.COMPLIANT;
        }
        Status out = Status.COMPLIANT;
        for (Exemption e : fw.exceptions(Exemption.Kind.USER)) {
            if (refused(e.value(), userIds) != null) {
                return Status.NON_COMPLIANT;
            }
            if (unread(e.value(), userIds) != null) {
                out = Status.UNKNOWN;
            }
        }
        return out;
    }

    /** Why a user exception is refused, or null: not a user pf takes, root or mDNSResponder, or no such account. */
    private static String refused(String user, Map<String, UidLookup> userIds) {
        try {
            PfUser.check(user);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "; left out";
        }
        String why = PfUser.refusal(user);
        Long uid = uid(user, userIds);
        if (why == null && uid != null) {
            why = PfUser.refusal(uid);
        }
        if (why != null) {
            return why + (uid == null || PfUser.numeric(user) ? "" : " (id -u " + user + " gives " + uid + ")")
                    + "; left out";
        }
        if (userIds.get(user) instanceof UidLookup.NoSuchUser) {
            return "no such user on this Mac (id -u gave no uid): left out; create the account, then apply again";
        }
        return null;
    }

    /** Why a valid user name's uid is not known, or null. */
    private static String unread(String user, Map<String, UidLookup> userIds) {
        if (PfUser.numeric(user) || userIds.get(user) instanceof UidLookup.Found
                || userIds.get(user) instanceof UidLookup.NoSuchUser) {
            return null;
        }
        String why = userIds.get(user) instanceof UidLookup.Unanswered u ? u.why() : "it was not asked";
        return "id -u could not tell whether this Mac has the account (" + why + "), so its uid is unknown: left out of"
                + " the rules, and the firewall's verdict is unknown until id answers";
    }

    /** The uid pf is given: a numeric user as its number, a name as id -u found it; null when not known. */
    private static Long uid(String user, Map<String, UidLookup> userIds) {
        if (PfUser.numeric(user)) {
            return PfUser.uid(user);
        }
        return userIds.get(user) instanceof UidLookup.Found f ? f.uid() : null;
    }
}
