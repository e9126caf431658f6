package org.leakguard.agent.change;

import java.io.IOException;
import org.leakguard.agent.host.Host;

/** Removes a file or symlink. Undo puts it back exactly. */
public record DeleteFile(String path, String why) implements Change {

    @Override
    public String target() {
        return path;
    }

    @Override
    public String summary() {
        return "delete " + path + ": " + why;
    }

    @Override
    public java.util.Optional<Preview> preview(Host host) {
        return java.util.Optional.of(Previews.file(host, path, null));
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new BeforeImage.OfFile(host.files().capture(path));
    }

    @Override
    public void apply(Host host) throws IOException {
        host.files().delete(path);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        host.files().restore(path, ((BeforeImage.OfFile) before).file());
    }
}
