package org.leakguard.agent.watch;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.host.Files;

/**
 * Host files that remember which paths were read: a plan reads exactly what the policy depends
 * on, on any platform, so those are the paths to watch. Folders that were listed count as wholes.
 */
public final class RecordingFiles implements Files {
    private final Files files;
    private final Set<String> read = new TreeSet<>();
    private final Set<String> listed = new TreeSet<>();

    public RecordingFiles(Files files) {
        this.files = files;
    }

    /** Forgets what was read, before the next plan. */
    public synchronized void clear() {
        read.clear();
        listed.clear();
    }

    public synchronized Set<String> read() {
        return Set.copyOf(read);
    }

    public synchronized Set<String> listed() {
        return Set.copyOf(listed);
    }

    private synchronized void saw(String path) {
        read.add(path);
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        saw(path);
        return files.read(path);
    }

    @Override
    public FileImage capture(String path) throws IOException {
        saw(path);
        return files.capture(path);
    }

    @Override
    public void restore(String path, FileImage image) throws IOException {
        files.restore(path, image);
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        files.write(path, content, mode);
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        files.overwrite(path, content);
    }

    @Override
    public void delete(String path) throws IOException {
        files.delete(path);
    }

    @Override
    public boolean exists(String path) {
        saw(path);
        return files.exists(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        synchronized (this) {
            listed.add(dir);
        }
        return files.list(dir);
    }

    @Override
    public Optional<String> linkTarget(String path) throws IOException {
        saw(path);
        return files.linkTarget(path);
    }
}
