package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Files;

/** Reads through {@link Files} that need more than one call. */
final class HostReads {
    /** Exists only while systemd is PID 1, so systemctl can reach it (sd_booted(3)). */
    static final String SYSTEMD_RUNNING = "/run/systemd/system";

    private static final int MAX_HOPS = 16;

    private HostReads() {}

    /**
     * The symlink hops from {@code path}, each made absolute and normalized. Links are followed
     * here rather than by the OS so an absolute target stays inside a {@code --root} image.
     */
    static List<String> linkChain(Files files, String path) throws IOException {
        List<String> hops = new ArrayList<>();
        String current = path;
        for (int i = 0; i < MAX_HOPS; i++) {
            var target = files.linkTarget(current);
            if (target.isEmpty()) {
                return hops;
            }
            current = Path.of(current).resolveSibling(target.get()).normalize().toString();
            hops.add(current);
        }
        throw new IOException("more than " + MAX_HOPS + " symlinks from " + path);
    }

    /** The text at the end of the chain, or null when it does not exist (a dangling link). */
    static String readThrough(Files files, String path, List<String> chain) throws IOException {
        String last = chain.isEmpty() ? path : chain.get(chain.size() - 1);
        return files.readString(last).orElse(null);
    }

    /** Whether any file in {@code dir} ends with {@code suffix}. */
    static boolean anyEndingWith(Files files, String dir, String suffix) throws IOException {
        return files.list(dir).stream().anyMatch(n -> n.endsWith(suffix));
    }
}
