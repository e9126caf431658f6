package org.leakguard.agent.host;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Host files, addressed by their absolute path on the host ({@code /etc/resolv.conf}). Under
 * {@code --root DIR} the same paths resolve below DIR.
 */
public interface Files {

    /** The file's bytes, or empty when there is no such file. Follows symlinks. */
    Optional<byte[]> read(String path) throws IOException;

    /** The file's bytes as UTF-8 text, or empty when there is no such file. */
    default Optional<String> readString(String path) throws IOException {
        return read(path).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * When the file's content last changed (a DHCP client's lease file says when it was given no
     * other way), or empty when there is no such file or this view cannot tell. Follows symlinks.
     */
    default Optional<Instant> modified(String path) throws IOException {
        return Optional.empty();
    }

    /**
     * When the file's inode last changed (its ctime: a write, a rename into place, a chmod), which
     * unlike {@link #modified} no copy that keeps times ({@code cp -p}, {@code rsync -a},
     * {@code tar x}) can set in the past; empty when there is no such file or this view cannot tell.
     */
    default Optional<Instant> changed(String path) throws IOException {
        return Optional.empty();
    }

    /** Everything needed to put the path back exactly as it is now. Does not follow a final symlink. */
    FileImage capture(String path) throws IOException;

    /** Puts the path back to an image taken by {@link #capture}. */
    void restore(String path, FileImage image) throws IOException;

    /**
     * Replaces the file's content durably: a temporary file, fsync, rename; where rename is
     * impossible (a bind-mounted file) the file is rewritten in place. A symlink at the path is
     * replaced by a regular file. Parent folders are created.
     *
     * @param mode permission bits for a new file, or null to keep the current file's mode (0644 if none)
     */
    void write(String path, byte[] content, Integer mode) throws IOException;

    /** Writes into an existing file without replacing it (kernel values under /proc/sys). */
    void overwrite(String path, byte[] content) throws IOException;

    /** Deletes the file or symlink; no error when it is absent. */
    void delete(String path) throws IOException;

    boolean exists(String path);

    /**
     * The folders above {@code path} that do not exist yet, outermost first: those a write would
     * create, and so those an undo removes again.
     */
    default List<String> missingFolders(String path) {
        List<String> out = new java.util.ArrayList<>();
        for (int at = path.lastIndexOf('/'); at > 0; at = path.lastIndexOf('/', at - 1)) {
            String dir = path.substring(0, at);
            if (exists(dir)) {
                break;
            }
            out.add(0, dir);
        }
        return out;
    }

    /**
     * Removes a folder when it is empty; nothing when it is absent or holds anything. Files that
     * cannot remove folders (a view of /proc) leave them, as an undo did before folders were tracked.
     */
    default void removeFolder(String dir) throws IOException {
        // Nothing to remove here.
    }

    /** The names in a folder, sorted; empty when the folder is absent. */
    List<String> list(String dir) throws IOException;

    /** Where a symlink points, or empty when the path is not a symlink. */
    Optional<String> linkTarget(String path) throws IOException;
}
