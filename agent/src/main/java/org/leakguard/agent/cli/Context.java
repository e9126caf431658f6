package org.leakguard.agent.cli;

import java.time.Clock;
import java.util.List;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.probe.LeakProbes;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Platform;

/** What a run needs from its surroundings; tests pass their own. */
public record Context(List<Platform> platforms, HostInfo host, Commands commands, Verifier verifier, Clock clock, String launcher) {

    public Context(List<Platform> platforms, HostInfo host, Commands commands, Verifier verifier, Clock clock) {
        this(platforms, host, commands, verifier, clock, null);
    }

    /** The live host; {@code leakguard.launcher} is set by bin/agent so timers can call the agent back. */
    public static Context system() {
        return new Context(Platforms.installed(), HostInfo.current(), new ExecCommands(), new LeakProbes(), Clock.systemUTC(),
                System.getProperty("leakguard.launcher"));
    }
}
