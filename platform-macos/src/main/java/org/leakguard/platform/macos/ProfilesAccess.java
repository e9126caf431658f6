package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Host;

/**
 * {@code profiles list} and {@code profiles show} answer for the user who runs them: run by anyone
 * but root they succeed and leave out every computer-level profile, which would read as "not
 * installed". So they are run only as root; otherwise the read fails with {@value #NEEDS_ROOT},
 * which every check reports as unknown, never as a missing profile.
 */
final class ProfilesAccess {
    static final List<String> UID = List.of("id", "-u");
    static final String NEEDS_ROOT = "needs root to read installed profiles";

    private ProfilesAccess() {}

    /** The profiles tool's output for {@code argv}, read as root only. */
    static String read(Host host, List<String> argv) throws IOException {
        String uid = Tools.stdout(host, UID).strip();
        if (!uid.equals("0")) {
            throw new IOException(NEEDS_ROOT + " (running as uid " + uid + "; run check as root, e.g. with sudo)");
        }
        return Tools.stdout(host, argv);
    }
}
