package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.Host;

/**
 * Writes a file into a folder that may not exist yet (a hook folder, a {@code .network.d}
 * drop-in folder). The before-image holds the file and whether its folder existed, so undo
 * restores the file and removes the folder only when this change created it and it is empty
 * again: a file someone else added there since is never deleted.
 */
@JsonTypeName("linux-write-file-in-folder")
record WriteFileInFolder(String path, String text, int mode, String why) implements PlatformChange {

    static WriteFileInFolder of(String path, String text, String why) {
        return new WriteFileInFolder(path, text, 0644, why);
    }

    String folder() {
        return path.substring(0, path.lastIndexOf('/'));
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
    public BeforeImage capture(Host host) throws IOException {
        return new FolderFileImage(host.files().capture(path), host.files().exists(folder()));
    }

    @Override
    public void apply(Host host) throws IOException {
        host.files().write(path, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        FolderFileImage image = (FolderFileImage) before;
        host.files().restore(path, image.file());
        if (!image.folderExisted() && host.files().list(folder()).isEmpty()) {
            try {
                host.files().delete(folder());
            } catch (DirectoryNotEmptyException e) {
                // a file appeared between the listing and the delete: it is not ours to remove
            }
        }
    }
}
