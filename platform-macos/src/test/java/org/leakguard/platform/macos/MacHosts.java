package org.leakguard.platform.macos;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;

/** Hosts over a temporary root with scripted commands. Never this machine's root or network. */
final class MacHosts {
    static final HostInfo MAC = new HostInfo("test-mac", "Mac OS X", "14.6");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    private MacHosts() {}

    static Host online(Path root, Commands commands) {
        return new Host(MAC, new LocalFiles(root), commands, false, CLOCK);
    }
}
