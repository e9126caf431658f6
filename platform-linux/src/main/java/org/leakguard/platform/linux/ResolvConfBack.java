package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.leakguard.agent.change.BeforeImage;
import org.leakguard.agent.change.PlatformChange;
import org.leakguard.agent.host.FileImage;
import org.leakguard.agent.host.Host;

/**
 * Puts /etc/resolv.conf back as it was before the window pointed it at the network's resolver,
 * byte for byte with its mode and owner. Only while it still holds the window's text: a file
 * something rewrote since (an apply of another policy) is theirs, and stays. Undo puts back what
 * it found.
 *
 * @param was the file before the window, as the opening journaled it
 * @param window the text the window wrote
 */
@JsonTypeName("linux-portal-resolv-conf-back")
record ResolvConfBack(FileImage was, String window, String why) implements PlatformChange {

    @Override
    public String target() {
        return ResolvConf.PATH;
    }

    @Override
    public String summary() {
        return "put " + ResolvConf.PATH + " back as before the window: " + why;
    }

    @Override
    public BeforeImage capture(Host host) throws IOException {
        return new BeforeImage.OfFile(host.files().capture(ResolvConf.PATH));
    }

    @Override
    public void apply(Host host) throws IOException {
        FileImage now = host.files().capture(ResolvConf.PATH);
        if (now.kind() == FileImage.Kind.FILE && Arrays.equals(now.content(), window.getBytes(StandardCharsets.UTF_8))) {
            host.files().restore(ResolvConf.PATH, was);
        }
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        host.files().restore(ResolvConf.PATH, ((BeforeImage.OfFile) before).file());
    }
}
