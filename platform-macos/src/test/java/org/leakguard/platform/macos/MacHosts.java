package org.leakguard.platform.macos;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.ScriptedCommands;

/** Hosts over a temporary root with scripted commands. Never this machine's root or network. */
final class MacHosts {
    static final HostInfo MAC = new HostInfo("test-mac", "Mac OS X", "14.6");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    private MacHosts() {}

    /** {@code id -u} answers 0, as for the root user the agent runs as; the profiles tool is read only then. */
    static ScriptedCommands asRoot(ScriptedCommands commands) {
        return commands.ok("0\n", ProfilesAccess.UID.toArray(String[]::new));
    }

    /**
     * An unprivileged user (uid 501, the first account macOS creates), for whom the profiles tool
     * succeeds listing nothing: it leaves out computer-level profiles, so its answer must not be read.
     */
    static ScriptedCommands asUser(ScriptedCommands commands) {
        return commands.ok("501\n", ProfilesAccess.UID.toArray(String[]::new))
                .ok("There are no configuration profiles installed\n", InstalledProfiles.COMMAND.toArray(String[]::new))
                .ok("There are no configuration profiles installed\n", PrivateRelay.SHOW.toArray(String[]::new));
    }

    static Host online(Path root, Commands commands) {
        return new Host(MAC, new LocalFiles(root), commands, false, CLOCK);
    }
}
