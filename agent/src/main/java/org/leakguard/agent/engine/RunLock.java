package org.leakguard.agent.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** One run at a time: an exclusive lock on {@code <state>/lock}, released when the process ends. */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, waiting up to {@code wait}; fails with a message naming the holder. */
    public static RunLock acquire(Path stateDir, Duration wait) throws IOException, LockedException {
        Path file = stateDir.resolve("lock");
        // Never through a link: the pid written below would truncate whatever it points at.
        Trust.check(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                java.nio.file.LinkOption.NOFOLLOW_LINKS);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            FileLock lock = tryLock(ch);
            if (lock != null) {
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                return new RunLock(ch, lock);
            }
            if (System.nanoTime() >= deadline) {
                String holder = holder(ch);
                ch.close();
                throw new LockedException("another leakguard run holds " + file + holder
                        + "; wait for it to finish, or pass --wait SECONDS to queue behind it");
            }
            sleep();
        }
    }

    /** Null when another holder has it, in this process (which the JDK reports as an exception) or another. */
    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(32);
        ch.read(buf, 0);
        String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).strip();
        return pid.isEmpty() ? "" : " (pid " + pid + ")";
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the run lock", e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
