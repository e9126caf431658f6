package org.leakguard.platform.macos;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
     * exception: in force, left out, or not applicable.
     *
     * @param unknown users {@code id -u} said do not exist: pf would refuse the whole ruleset for them
     */
    static List<PfRule> rules(List<Exemption> exceptions, Set<String> unknown, boolean plain, boolean dot,
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
            String user = e.value();
            String refused = refused(user, unknown);
            if (refused != null) {
                findings.add(Finding.error(key + ": " + refused));
                continue;
            }
            String name = "exc" + (i + 1);
            if (plain) {
                out.add(new PfRule(name + "-udp-53", true, false, "udp", 53, null, user));
                out.add(new PfRule(name + "-tcp-53", true, false, "tcp", 53, null, user));
            }
            if (dot) {
                out.add(new PfRule(name + "-tcp-853", true, false, "tcp", 853, null, user));
                out.add(new PfRule(name + "-udp-853", true, false, "udp", 853, null, user));
            }
            findings.add(Finding.info("exception in force: " + key + ": DNS (" + (plain && dot ? "53 and 853" : plain ? "53" : "853")
                    + ", UDP and TCP) from sockets this user owns passes to any address; its lookups through the"
                    + " system resolver are sent by mDNSResponder and stay pinned"));
        }
        return List.copyOf(out);
    }

    /** Why a user exception is left out, or null when it applies. */
    private static String refused(String user, Set<String> unknown) {
        try {
            PfUser.check(user);
        } catch (IllegalArgumentException e) {
            return e.getMessage() + "; left out";
        }
        if (PfUser.RESOLVER.contains(user)) {
            return "mDNSResponder runs as " + user + " and sends every lookup of this Mac, so exempting it would let"
                    + " every program's DNS through; left out (exempt the VPN client's own account instead)";
        }
        if (unknown.contains(user)) {
            return "no such user on this Mac (id -u): left out, since pf looks names up when it loads the rules and an"
                    + " unknown one fails the whole load; create the account, then apply again";
        }
        return null;
    }
}
