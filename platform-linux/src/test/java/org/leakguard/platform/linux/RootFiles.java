package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files and links under a temporary root, addressed by their host path. */
record RootFiles(Path root) {

    Path path(String hostPath) {
        return root.resolve(hostPath.substring(1));
    }

    RootFiles file(String hostPath, String text) throws IOException {
        Path p = path(hostPath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return this;
    }

    RootFiles dir(String hostPath) throws IOException {
        Files.createDirectories(path(hostPath));
        return this;
    }

    RootFiles link(String hostPath, String target) throws IOException {
        Path p = path(hostPath);
        Files.createDirectories(p.getParent());
        Files.createSymbolicLink(p, Path.of(target));
        return this;
    }

    String read(String hostPath) throws IOException {
        return Files.readString(path(hostPath));
    }

    boolean exists(String hostPath) {
        return Files.exists(path(hostPath), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
