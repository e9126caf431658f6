package org.leakguard.agent.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The state folder is trusted only when no one but the agent's own user could have written it:
 * its journals' undo steps are replayed as root. A symlink, a file of another owner, or one that
 * group or others may write is refused with what to do. File systems without POSIX permissions
 * (Windows) are protected by {@link OwnerOnly}'s ACL instead.
 */
final class Trust {
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private Trust() {}

    /** Refuses {@code path} unless it is this user's own, not a symlink, and writable by this user alone. */
    static void check(Path path) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null
                || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String self = System.getProperty("user.name");
        String fix = attrs.isDirectory() ? "chown " + self + " '" + path + "' && chmod 0700 '" + path + "'"
                : "chown " + self + " '" + path + "' && chmod 0600 '" + path + "'";
        if (attrs.isSymbolicLink()) {
            throw new UntrustedStateException(path + " is a symbolic link; the agent does not follow links in its state"
                    + " folder: replace it with a real folder or file, or point --state-dir at the real one");
        }
        if (!attrs.owner().getName().equals(self)) {
            throw new UntrustedStateException(path + " is owned by " + attrs.owner().getName() + ", not " + self
                    + ", who runs the agent; its journals would be replayed as " + self + ": check who changed it, then `"
                    + fix + "`, or choose another --state-dir");
        }
        if (attrs.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new UntrustedStateException(path + " may be written by group or others; its journals would be replayed as "
                    + self + ": check who changed it, then `" + fix + "`");
        }
    }
}
