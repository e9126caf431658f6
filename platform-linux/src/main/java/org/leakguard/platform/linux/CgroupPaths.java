package org.leakguard.platform.linux;

import java.util.regex.Pattern;

/**
 * Where nft and iptables look cgroup v2 paths up. nft resolves the path of a {@code socket
 * cgroupv2} rule under /sys/fs/cgroup when the rule is loaded, and refuses the whole load when
 * the cgroup does not exist yet; a hybrid host mounts cgroup v2 elsewhere (/sys/fs/cgroup/unified).
 */
final class CgroupPaths {
    static final String ROOT = "/sys/fs/cgroup";
    /** Present at the root of a cgroup v2 hierarchy only. */
    static final String V2_MARK = ROOT + "/cgroup.controllers";
    /**
     * Parts of systemd unit and slice names, with the backslash of its escapes
     * ({@code system-openvpn\x2dclient.slice}): nft takes it as it is inside quotes, and
     * iptables-restore once doubled. Never a quote or white space, which would end the word.
     */
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.:@+=\\\\-]{1,255}");

    private CgroupPaths() {}

    static boolean nftSafe(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (String part : path.split("/")) {
            if (!PART.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    static String folder(String path) {
        return ROOT + "/" + path;
    }
}
