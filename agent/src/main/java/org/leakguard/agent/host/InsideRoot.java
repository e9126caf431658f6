package org.leakguard.agent.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a host path below a root folder one component at a time, as {@code openat} would:
 * a symlink met on the way is read and followed relative to the root (an absolute target starts
 * again at the root), and one that climbs above the root is refused. So under {@code --root DIR}
 * no path, however the image's links are laid out, reaches a file outside DIR.
 */
final class InsideRoot {
    /** As the kernel's limit on links followed in one lookup (ELOOP). */
    private static final int MAX_LINKS = 40;

    private final Path root;

    InsideRoot(Path root) {
        this.root = root;
    }

    /**
     * The local path behind {@code hostPath}, every symlink among its folders resolved inside the
     * root; the last component is followed too when {@code followLast}. Components that do not
     * exist are kept as named, so the path can be created. On the live host ({@code /}) a
     * {@code ..} at the top stays there, as the kernel has it.
     */
    Path resolve(String hostPath, boolean followLast) throws IOException {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("host paths are absolute: " + hostPath);
        }
        Deque<String> todo = new ArrayDeque<>();
        push(todo, hostPath);
        Path at = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (at.equals(root)) {
                    if (root.getParent() == null) {
                        continue;
                    }
                    throw escape(hostPath);
                }
                at = at.getParent();
                continue;
            }
            Path next = at.resolve(name);
            boolean last = todo.isEmpty();
            if ((!last || followLast) && Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    throw new IOException(hostPath + " under " + root + ": too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(next).toString();
                if (target.startsWith("/")) {
                    at = root;
                }
                push(todo, target);
                continue;
            }
            at = next;
        }
        return at;
    }

    /** Puts the components of {@code path} in front of those still to resolve. */
    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private IOException escape(String hostPath) {
        return new IOException(hostPath + " leads out of " + root + " through a symbolic link; every path under --root must"
                + " stay inside the image: replace the link with one that points inside it");
    }
}
