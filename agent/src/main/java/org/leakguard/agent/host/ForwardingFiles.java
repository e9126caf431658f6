package org.leakguard.agent.host;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Another {@link Files}, for decorators that change or watch some operations. */
public class ForwardingFiles implements Files {
    private final Files real;

    public ForwardingFiles(Files real) {
        this.real = real;
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        return real.read(path);
    }

    @Override
    public Optional<Instant> modified(String path) throws IOException {
        return real.modified(path);
    }

    @Override
    public Optional<Instant> changed(String path) throws IOException {
        return real.changed(path);
    }

    @Override
    public FileImage capture(String path) throws IOException {
        return real.capture(path);
    }

    @Override
    public void restore(String path, FileImage image) throws IOException {
        real.restore(path, image);
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        real.write(path, content, mode);
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        real.overwrite(path, content);
    }

    @Override
    public void delete(String path) throws IOException {
        real.delete(path);
    }

    @Override
    public boolean exists(String path) {
        return real.exists(path);
    }

    @Override
    public void removeFolder(String dir) throws IOException {
        real.removeFolder(dir);
    }

    @Override
    public List<String> list(String dir) throws IOException {
        return real.list(dir);
    }

    @Override
    public Optional<String> linkTarget(String path) throws IOException {
        return real.linkTarget(path);
    }
}
