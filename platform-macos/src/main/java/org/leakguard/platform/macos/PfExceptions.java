package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.spi.Finding;

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
     * exception: in force, left out, or not applicable. A name is written as the uid {@code id -u}
     * gave: pf looks names up when it loads, and the LaunchDaemon loads the same rules at boot, where
     * an account removed since would fail the whole ruleset and leave the Mac without its rules.
     *
     * @param userIds each user name's uid; a name absent here is one this Mac lacks
     */
    static List<PfRule> rules(List<Exemption> exceptions, Map<String, String> userIds, boolean plain, boolean dot,
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
            String uid = PfUser.numeric(e.value()) ? e.value() : userIds.get(e.value());
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

    /** Why a user exception is left out, or null when it applies. */
    private static String refused(String user, Map<String, String> userIds) {
        if (!PfUser.valid(user)) {
            try {
                PfUser.check(user);
            } catch (IllegalArgumentException e) {
                return e.getMessage() + "; left out";
            }
        }
        if (PfUser.RESOLVER.contains(user) || PfUser.RESOLVER.contains(userIds.getOrDefault(user, user))) {
            return "mDNSResponder runs as " + user + " and sends every lookup of this Mac, so exempting it would let"
                    + " every program's DNS through; left out (exempt the VPN client's own account instead)";
        }
        if (!PfUser.numeric(user) && !userIds.containsKey(user)) {
            return "no such user on this Mac (id -u gave no uid): left out; create the account, then apply again";
        }
        return null;
    }
}
