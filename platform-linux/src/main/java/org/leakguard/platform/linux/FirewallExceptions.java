package org.leakguard.platform.linux;

import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.policy.Exemption;
import org.leakguard.agent.policy.Firewall;
import org.leakguard.agent.spi.Finding;

/**
 * Turns {@code firewall.exceptions} into the identities the rules match, with one finding per
 * exception saying whether it is in force. An unknown user is an error that stops the run before
 * anything changes: a rule for the wrong uid would open DNS to someone else. Pure.
 */
final class FirewallExceptions {
    static final String KEY = "spec.firewall.exceptions";

    private FirewallExceptions() {}

    static List<Owner> owners(Firewall fw, HostIdentities host, List<Finding> findings) {
        List<Owner> out = new ArrayList<>();
        List<Exemption> all = fw.exceptions();
        for (int i = 0; i < all.size(); i++) {
            Exemption e = all.get(i);
            String key = KEY + "[" + i + "]." + e.kind().name().toLowerCase(java.util.Locale.ROOT);
            switch (e.kind()) {
                case USER -> {
                    Owner o = Owner.user(uid(key, e.value(), host));
                    out.add(o);
                    findings.add(Finding.info("exception in force: user " + e.value() + " (" + o.describe() + "): its DNS"
                            + " (53, 853) may reach any address"));
                }
                case CGROUP -> cgroup(key, e.value(), host, findings).ifPresent(out::add);
                default -> findings.add(Finding.info(key + " " + e.value() + ": not applicable on Linux (a Windows"
                        + " program path); a Linux exception names a user or a cgroup"));
            }
        }
        return out.stream().distinct().toList();
    }

    private static long uid(String key, String user, HostIdentities host) {
        if (user.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(user); // the policy allows uids up to 4294967294, past an int
        }
        if (host.uids() == null) {
            throw new IllegalArgumentException(key + ": cannot read " + Passwd.PATH + " to find user \"" + user
                    + "\"; give the uid instead; nothing was changed");
        }
        Long uid = host.uids().get(user);
        if (uid == null) {
            throw new IllegalArgumentException(key + ": no user \"" + user + "\" in " + Passwd.PATH + " on this host;"
                    + " create it (the VPN client's own user), give its numeric uid (a directory user is not read), or remove"
                    + " the exception; nothing was changed");
        }
        return uid;
    }

    private static java.util.Optional<Owner> cgroup(String key, String path, HostIdentities host, List<Finding> findings) {
        if (!CgroupPaths.nftSafe(path)) {
            throw new IllegalArgumentException(key + ": \"" + path + "\" cannot be matched: nft and iptables take cgroup"
                    + " paths of letters, digits, . _ - @ : + = and systemd's \\x escapes only; nothing was changed");
        }
        if (!host.cgroupV2()) {
            findings.add(Finding.warning("exception not in force: cgroup " + path + ": " + CgroupPaths.ROOT + " is not a"
                    + " cgroup v2 hierarchy (a hybrid or v1 host), where nft looks its paths up; use a user exception"));
            return java.util.Optional.empty();
        }
        if (!host.cgroups().contains(path)) {
            findings.add(Finding.warning("exception not in force yet: cgroup " + path + " does not exist (its service is"
                    + " not running), and nft refuses a rule that names a missing cgroup; the next apply after it starts"
                    + " adds the rule"));
            return java.util.Optional.empty();
        }
        Owner o = Owner.cgroup(path);
        findings.add(Finding.info("exception in force: cgroup " + path + " (level " + o.level() + "): its DNS (53, 853)"
                + " may reach any address"));
        return java.util.Optional.of(o);
    }
}
