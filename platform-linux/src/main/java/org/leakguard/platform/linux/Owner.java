package org.leakguard.platform.linux;

/**
 * The program identity an exception rule matches: a uid (nft {@code meta skuid}, iptables
 * {@code --uid-owner}), or a cgroup v2 path (nft {@code socket cgroupv2}, iptables
 * {@code -m cgroup --path}). Exactly one is set.
 *
 * @param uid the uid, resolved from the policy's user name, or null
 * @param cgroup the cgroup v2 path relative to the hierarchy's root, or null
 */
record Owner(Long uid, String cgroup) {

    Owner {
        if ((uid == null) == (cgroup == null)) {
            throw new IllegalArgumentException("an owner is a uid or a cgroup, not both or neither");
        }
        if (cgroup != null && !CgroupPaths.nftSafe(cgroup)) {
            throw new IllegalArgumentException("not a cgroup path nft can quote: " + cgroup);
        }
    }

    static Owner user(long uid) {
        return new Owner(uid, null);
    }

    static Owner cgroup(String path) {
        return new Owner(null, path);
    }

    /** What the rule ids carry: {@code uid-997}, or {@code cgroup-} and 8 hex digits of the path's SHA-256. */
    String id() {
        return uid != null ? "uid-" + uid : "cgroup-" + WantedTable.sha256Hex(cgroup, 4);
    }

    /** The depth nft matches the socket's cgroup at: the path's number of parts. */
    int level() {
        return cgroup.split("/").length;
    }

    String nft() {
        return uid != null ? "meta skuid " + uid : "socket cgroupv2 level " + level() + " \"" + cgroup + "\"";
    }

    String iptables() {
        // iptables-restore reads a backslash inside quotes as an escape, so systemd's \x2d is doubled.
        return uid != null ? "-m owner --uid-owner " + uid : "-m cgroup --path \"" + cgroup.replace("\\", "\\\\") + "\"";
    }

    /** For people: {@code user openvpn (uid 997)} is said by the caller; this is the match alone. */
    String describe() {
        return uid != null ? "uid " + uid : "cgroup " + cgroup;
    }
}
