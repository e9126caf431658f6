package org.leakguard.platform.linux;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.Files;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.OfflineCommands;

/** Hosts over a temporary root. Never the machine's own root. */
final class TestHosts {
    static final HostInfo LINUX = new HostInfo("test", "Linux", "6.1");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC);

    private TestHosts() {}

    static Host online(Path root, Commands commands) {
        return new Host(LINUX, new LocalFiles(root), commands, false, CLOCK);
    }

    static Host online(Files files, Commands commands) {
        return new Host(LINUX, files, commands, false, CLOCK);
    }

    static Host offline(Path root) {
        return new Host(LINUX, new LocalFiles(root), new OfflineCommands(), true, CLOCK);
    }
}
