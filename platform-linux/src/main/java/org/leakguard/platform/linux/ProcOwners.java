package org.leakguard.platform.linux;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.leakguard.agent.host.Files;

/** Which process holds each socket: /proc/PID/fd links read through {@link Files}. */
final class ProcOwners {
    private ProcOwners() {}

    /** Socket inode to {@code "comm",pid=N}, for the inodes asked about; others are not looked up. */
    static Map<Long, String> of(Files files, Set<Long> inodes) throws IOException {
        Map<Long, String> out = new HashMap<>();
        if (inodes.isEmpty()) {
            return out;
        }
        for (String pid : files.list("/proc")) {
            if (!pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            String dir = "/proc/" + pid + "/fd";
            for (String fd : safeList(files, dir)) {
                long inode = ProcNet.socketInode(link(files, dir + "/" + fd));
                if (inodes.contains(inode)) {
                    String comm = files.readString("/proc/" + pid + "/comm").orElse("?");
                    out.putIfAbsent(inode, SocketsFormat.owner(comm, Long.parseLong(pid)));
                }
            }
        }
        return out;
    }

    private static String link(Files files, String path) {
        try {
            return files.linkTarget(path).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** A process may exit, or deny us its fds, between the listing and the read. */
    private static java.util.List<String> safeList(Files files, String dir) {
        try {
            return files.list(dir);
        } catch (IOException e) {
            return java.util.List.of();
        }
    }
}
