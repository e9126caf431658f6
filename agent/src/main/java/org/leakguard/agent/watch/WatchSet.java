package org.leakguard.agent.watch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which folders to watch for a set of paths, and which names in each matter. A file is watched
 * through its folder, since resolv.conf is often replaced by a rename and a watch on the file
 * itself would follow the old inode; a path whose folder does not exist yet is watched from its
 * nearest existing ancestor, for the name that would lead to it. Kernel files (/proc, /sys) give
 * no events and are left to the poll. Pure: existence is asked through {@code isDir}.
 *
 * @param names per folder, the entry names that matter; {@link #ANY} for every entry
 */
record WatchSet(Map<String, Set<String>> names) {
    static final String ANY = "*";
    private static final List<String> UNWATCHABLE = List.of("/proc/", "/sys/");

    WatchSet {
        Map<String, Set<String>> copy = new HashMap<>();
        names.forEach((k, v) -> copy.put(k, Set.copyOf(v)));
        names = Map.copyOf(copy);
    }

    static WatchSet of(Set<String> files, Set<String> listed, Predicate<String> isDir) {
        Map<String, Set<String>> names = new HashMap<>();
        for (String f : files) {
            add(names, f, isDir);
        }
        for (String dir : listed) {
            if (watchable(dir) && isDir.test(dir)) {
                names.computeIfAbsent(dir, k -> new HashSet<>()).add(ANY);
            }
            add(names, dir, isDir);
        }
        return new WatchSet(names);
    }

    private static void add(Map<String, Set<String>> names, String path, Predicate<String> isDir) {
        String p = trim(path);
        if (!watchable(p) || p.equals("/")) {
            return;
        }
        String child = p;
        String parent = parent(p);
        while (!parent.equals("/") && !isDir.test(parent)) {
            child = parent;
            parent = parent(parent);
        }
        names.computeIfAbsent(parent, k -> new HashSet<>()).add(child.substring(child.lastIndexOf('/') + 1));
    }

    static boolean watchable(String path) {
        return path.startsWith("/") && UNWATCHABLE.stream().noneMatch(u -> path.startsWith(u) || path.equals(u.substring(0, u.length() - 1)));
    }

    /** Whether an event for {@code name} in {@code dir} may be a drift. */
    boolean matters(String dir, String name) {
        Set<String> n = names.get(dir);
        return n != null && (n.contains(ANY) || name == null || n.contains(name));
    }

    Set<String> dirs() {
        return names.keySet();
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
