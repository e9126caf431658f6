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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** Files on this machine through NIO, optionally below a root folder ({@code --root DIR}). */
public final class LocalFiles implements Files {
    private final Path root;

    /** @param root the folder host paths resolve under; {@code /} for the live host */
    public LocalFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The local path behind a host path. */
    public Path resolve(String hostPath) {
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("host paths are absolute: " + hostPath);
        }
        Path p = root.resolve(hostPath.substring(1)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path leaves the root: " + hostPath);
        }
        return p;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        try {
            return Optional.of(java.nio.file.Files.readAllBytes(resolve(path)));
        } catch (NoSuchFileException e) {
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
        byte[] content = java.nio.file.Files.readAllBytes(p);
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
                Path tmp = p.resolveSibling("." + p.getFileName() + ".leakguard-link");
                java.nio.file.Files.deleteIfExists(tmp);
                java.nio.file.Files.createSymbolicLink(tmp, Path.of(image.linkTarget()));
                replace(tmp, p);
            }
            case FILE -> {
                writeBytes(p, image.content(), image.mode());
                setOwner(p, image.uid(), image.gid());
            }
        }
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        Path p = resolve(path);
        int bits = mode != null ? mode : currentMode(p);
        writeBytes(p, content, bits);
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(resolve(path), StandardOpenOption.WRITE)) {
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
        return java.nio.file.Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        Path d = resolve(dir);
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

    /** Temp file + fsync + rename; a bind-mounted target (rename gives EBUSY) is rewritten in place. */
    private static void writeBytes(Path p, byte[] content, int mode) throws IOException {
        java.nio.file.Files.createDirectories(p.getParent());
        Path tmp = p.resolveSibling("." + p.getFileName() + ".leakguard-tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        java.nio.file.Files.setPosixFilePermissions(tmp, permissions(mode));
        try {
            replace(tmp, p);
        } catch (FileSystemException e) {
            java.nio.file.Files.deleteIfExists(tmp);
            if (!isBusy(e)) {
                throw e;
            }
            writeInPlace(p, content, mode);
        }
    }

    private static boolean isBusy(FileSystemException e) {
        String reason = String.valueOf(e.getReason());
        return reason.contains("busy") || reason.contains("Device or resource busy");
    }

    private static void writeInPlace(Path p, byte[] content, int mode) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(content));
            ch.force(true);
        }
        java.nio.file.Files.setPosixFilePermissions(p, permissions(mode));
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
