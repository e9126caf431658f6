package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.LocalFiles;

/**
 * Files whose /proc paths are read and written by programs inside a namespace, so a control's
 * sysctl writes land in that namespace's /proc/sys/net, never in the test JVM's (the host's).
 * Every other path resolves under a temporary root.
 */
final class NetnsProcFiles implements Files {
    private final Netns ns;
    private final LocalFiles local;

    NetnsProcFiles(Netns ns, Path root) {
        this.ns = ns;
        this.local = new LocalFiles(root);
    }

    private static boolean proc(String path) {
        return path.startsWith("/proc/");
    }

    @Override
    public Optional<byte[]> read(String path) throws IOException {
        if (!proc(path)) {
            return local.read(path);
        }
        CommandResult r = ns.exec(null, "cat", path);
        return r.ok() ? Optional.of(r.stdout().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }

    @Override
    public void overwrite(String path, byte[] content) throws IOException {
        if (!proc(path)) {
            local.overwrite(path, content);
            return;
        }
        Sandbox.check(ns.exec(new String(content, StandardCharsets.UTF_8), "tee", path), "tee", path);
    }

    @Override
    public boolean exists(String path) {
        if (!proc(path)) {
            return local.exists(path);
        }
        try {
            return ns.exec(null, "test", "-e", path).ok();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public List<String> list(String dir) throws IOException {
        if (!proc(dir)) {
            return local.list(dir);
        }
        CommandResult r = ns.exec(null, "ls", "-1", dir);
        return r.ok() ? r.stdout().lines().filter(l -> !l.isBlank()).sorted().toList() : List.of();
    }

    @Override
    public FileImage capture(String path) throws IOException {
        return local.capture(refuseProc(path));
    }

    @Override
    public void restore(String path, FileImage image) throws IOException {
        local.restore(refuseProc(path), image);
    }

    @Override
    public void write(String path, byte[] content, Integer mode) throws IOException {
        local.write(refuseProc(path), content, mode);
    }

    @Override
    public void delete(String path) throws IOException {
        local.delete(refuseProc(path));
    }

    @Override
    public Optional<String> linkTarget(String path) throws IOException {
        return local.linkTarget(refuseProc(path));
    }

    private static String refuseProc(String path) throws IOException {
        if (proc(path)) {
            throw new IOException("not supported on /proc in the sandbox: " + path);
        }
        return path;
    }
}
