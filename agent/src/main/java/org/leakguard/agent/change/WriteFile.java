package org.leakguard.agent.change;

import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.host.Host;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Gives a file this exact content. Undo restores the previous bytes, mode and owner, or removes
 * the file when there was none.
 *
 * @param mode permission bits for the file, or null to keep the current file's mode
 */
public record WriteFile(String path, byte[] content, Integer mode, String why) implements Change {

    public WriteFile {
        Objects.requireNonNull(path, "path");
        content = content.clone();
    }

    public static WriteFile text(String path, String text, Integer mode, String why) {
        return new WriteFile(path, text.getBytes(StandardCharsets.UTF_8), mode, why);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public String target() {
        return path;
    }

    @Override
    public String summary() {
        return "write " + path + ": " + why;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteFile w
                && path.equals(w.path)
                && java.util.Arrays.equals(content, w.content)
                && Objects.equals(mode, w.mode)
                && Objects.equals(why, w.why);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, java.util.Arrays.hashCode(content), mode, why);
    }

    @Override
    public String toString() {
        return summary();
    }

    @Override
    public java.util.Optional<Preview> preview(Host host) {
        return java.util.Optional.of(Previews.file(host, path, content));
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        FileImage now = host.files().capture(path);
        return new BeforeImage.OfFile(now, now.exists() ? java.util.List.of() : host.files().missingFolders(path));
    }

    @Override
    public void apply(Host host) throws IOException {
        host.files().write(path, content, mode);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        BeforeImage.OfFile was = (BeforeImage.OfFile) before;
        host.files().restore(path, was.file());
        List<String> folders = new java.util.ArrayList<>(was.createdFolders());
        java.util.Collections.reverse(folders);
        for (String dir : folders) {
            host.files().removeFolder(dir);
        }
    }

    /** The file is back; a created folder that now holds someone else's files stays, and is not a failure. */
    @Override
    public boolean isAt(Host host, BeforeImage before) throws IOException {
        return host.files().capture(path).equals(((BeforeImage.OfFile) before).file());
    }
}
