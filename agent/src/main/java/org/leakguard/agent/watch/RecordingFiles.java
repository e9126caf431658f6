package org.leakguard.agent.watch;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.ForwardingFiles;

/**
 * Host files that remember which paths were read: a plan reads exactly what the policy depends
 * on, on any platform, so those are the paths to watch. Folders that were listed count as wholes.
 */
public final class RecordingFiles extends ForwardingFiles {
    private final Set<String> read = new TreeSet<>();
    private final Set<String> listed = new TreeSet<>();

    public RecordingFiles(Files files) {
        super(files);
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
        return super.read(path);
    }

    @Override
    public FileImage capture(String path) throws IOException {
        saw(path);
        return super.capture(path);
    }

    @Override
    public boolean exists(String path) {
        saw(path);
        return super.exists(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        synchronized (this) {
            listed.add(dir);
        }
        return super.list(dir);
    }

    @Override
    public Optional<String> linkTarget(String path) throws IOException {
        saw(path);
        return super.linkTarget(path);
    }
}
