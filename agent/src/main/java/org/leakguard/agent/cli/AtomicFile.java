package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A report file replaced whole: written to a temporary file in the same folder and renamed over
 * the target, so a reader (node_exporter's textfile collector, a CI job, a fleet tool) sees the old
 * file or the new one, never half of one. The temporary name starts with a dot and ends in
 * {@code .tmp}, which the textfile collector does not read; it is created new, never through an
 * existing file or link, so a planted link in a shared folder cannot redirect the write.
 *
 * <p>It is not forced to disk: a report is rewritten by the next run, and an fsync cost 0.6 to 12 ms
 * on the check path (measured on the 2-core machine under load), where every run writes the state
 * folder's last report. The process id is not used in the name for the same reason: asking for it
 * the first time cost 12 to 38 ms.
 */
final class AtomicFile {
    private static final int TRIES = 5;

    private AtomicFile() {}

    /** Replaces {@code file}; with {@code createFolders}, missing parent folders are made first. */
    static void write(Path file, byte[] content, boolean createFolders) throws IOException {
        Path target = file.toAbsolutePath();
        Path folder = target.getParent();
        if (createFolders && folder != null) {
            Files.createDirectories(folder);
        } else if (folder != null && !Files.isDirectory(folder)) {
            throw new NoSuchFileException(folder.toString());
        }
        Path tmp = create(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path create(Path target) throws IOException {
        String base = "." + target.getFileName() + ".";
        for (int i = 0; ; i++) {
            Path tmp = target.resolveSibling(base + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
            try {
                // CREATE_NEW fails on any existing entry, a symlink included.
                Files.newByteChannel(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (i + 1 >= TRIES) {
                    throw e;
                }
            }
        }
    }
}
