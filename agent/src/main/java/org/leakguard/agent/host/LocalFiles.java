package org.leakguard.agent.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files on this machine through NIO, optionally below a root folder ({@code --root DIR}). Every
 * path resolves inside the root (see {@link InsideRoot}); replacement files are created with their
 * final mode and owner in the target's folder, then renamed over it, so no one ever sees the new
 * content with looser permissions.
 */
public final class LocalFiles implements Files {
    private final Path root;
    private final InsideRoot inside;

    /** @param root the folder host paths resolve under; {@code /} for the live host */
    public LocalFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.inside = new InsideRoot(this.root);
    }

    /** The local path behind a host path, its folders resolved inside the root; a final symlink is not followed. */
    public Path resolve(String hostPath) throws IOException {
        return inside.resolve(hostPath, false);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try {
            return Optional.of(java.nio.file.Files.readAllBytes(inside.resolve(path, true)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> modified(String path) throws IOException {
        try {
            return Optional.of(java.nio.file.Files.getLastModifiedTime(inside.resolve(path, true)).toInstant());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Instant> changed(String path) throws IOException {
        try {
            return Optional.of(((java.nio.file.attribute.FileTime) java.nio.file.Files.getAttribute(inside.resolve(path, true),
                    "unix:ctime")).toInstant());
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // No such file, or a file system without the unix view (Windows): this view cannot tell.
            return Optional.empty();
        }
    }

    @Override
    public FileImage capture(String path) throws IOException {
        Path p = resolve(path);
        if (java.nio.file.Files.isSymbolicLink(p)) {
            return FileImage.symlink(java.nio.file.Files.readSymbolicLink(p).toString());
        }
        if (!java.nio.file.Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return FileImage.absent();
        }
        byte[] content;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            content = java.nio.channels.Channels.newInputStream(ch).readAllBytes();
        }
        int mode = (Integer) java.nio.file.Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        int uid = (Integer) java.nio.file.Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        int gid = (Integer) java.nio.file.Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
        return FileImage.file(content, mode, uid, gid);
    }

    @Override
    public void restore(String path, FileImage image) throws IOException {
        Path p = resolve(path);
        switch (image.kind()) {
            case ABSENT -> delete(path);
            case SYMLINK -> {
                if (java.nio.file.Files.isSymbolicLink(p)
                        && java.nio.file.Files.readSymbolicLink(p).toString().equals(image.linkTarget())) {
                    return;
                }
                java.nio.file.Files.createDirectories(p.getParent());
                Path tmp = temporary(p, "link");
                java.nio.file.Files.createSymbolicLink(tmp, Path.of(image.linkTarget()));
                replace(tmp, p);
            }
            case FILE -> writeBytes(p, image.content(), image.mode(), new int[] {image.uid(), image.gid()});
        }
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        Path p = resolve(path);
        int bits = mode != null ? mode : currentMode(p);
        writeBytes(p, content, bits, currentOwner(p));
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(inside.resolve(path, true), StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ch.write(ByteBuffer.wrap(content));
        }
    }

    @Override
    public void delete(String path) throws IOException {
        Path p = resolve(path);
        if (java.nio.file.Files.deleteIfExists(p)) {
            syncFolder(p.getParent());
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            return java.nio.file.Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void removeFolder(String dir) throws IOException {
        Path d = resolve(dir);
        if (!java.nio.file.Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            java.nio.file.Files.delete(d);
            syncFolder(d.getParent());
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // Something else keeps files there now: the folder is theirs as much as ours.
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path d = inside.resolve(dir, true);
        if (!java.nio.file.Files.isDirectory(d)) {
            return List.of();
        }
        try (Stream<Path> s = java.nio.file.Files.list(d)) {
            List<String> names = new ArrayList<>(s.map(x -> x.getFileName().toString()).toList());
            names.sort(null);
            return names;
        }
    }

    @Override
    public Optional<String> linkTarget(String path) throws IOException {
        Path p = resolve(path);
        return java.nio.file.Files.isSymbolicLink(p)
                ? Optional.of(java.nio.file.Files.readSymbolicLink(p).toString())
                : Optional.empty();
    }

    private static int currentMode(Path p) throws IOException {
        if (java.nio.file.Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return (Integer) java.nio.file.Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
        }
        return 0644;
    }

    /** The owner a replacement keeps: the current file's, or none (the running user) for a new one. */
    private static int[] currentOwner(Path p) throws IOException {
        if (java.nio.file.Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return new int[] {(Integer) java.nio.file.Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    (Integer) java.nio.file.Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS)};
        }
        return new int[] {-1, -1};
    }

    /**
     * A new file in the target's folder, created with the final mode and given the final owner
     * before any byte is written; fsync, rename. A bind-mounted target (rename gives EBUSY) is
     * rewritten in place.
     */
    private static void writeBytes(Path p, byte[] content, int mode, int[] owner) throws IOException {
        java.nio.file.Files.createDirectories(p.getParent());
        Path tmp = temporary(p, "tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS), PosixFilePermissions.asFileAttribute(permissions(mode & 0777)))) {
                // The umask may have narrowed the mode; widening to the final mode exposes nothing yet.
                java.nio.file.Files.setPosixFilePermissions(tmp, permissions(mode));
                setOwner(tmp, owner[0], owner[1]);
                ch.write(ByteBuffer.wrap(content));
                ch.force(true);
            }
            replace(tmp, p);
        } catch (FileSystemException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            if (!isBusy(e)) {
                throw e;
            }
            writeInPlace(p, content, mode);
        } catch (IOException | RuntimeException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** A name no one could have prepared a link at: a fresh random one beside the target. */
    private static Path temporary(Path p, String kind) {
        return p.resolveSibling("." + p.getFileName() + ".leakguard-" + kind + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 1));
    }

    private static boolean isBusy(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("busy") || reason.contains("Device or resource busy");
    }

    private static void writeInPlace(Path p, byte[] content, int mode) throws IOException {
        java.nio.file.Files.setPosixFilePermissions(p, permissions(mode));
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                LinkOption.NOFOLLOW_LINKS)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
    }

    private static void replace(Path source, Path target) throws IOException {
        try {
            java.nio.file.Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            java.nio.file.Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(target.getParent());
    }

    private static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open folders for sync; the rename is still done.
        }
    }

    private static void setOwner(Path p, int uid, int gid) throws IOException {
        if (uid < 0) {
            return;
        }
        try {
            java.nio.file.Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            java.nio.file.Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        } catch (FileSystemException e) {
            int now = (Integer) java.nio.file.Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (now != uid) {
                throw e;
            }
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }
}
