package org.leakguard.agent.schedule;

import java.time.Clock;
import java.util.Optional;
import org.leakguard.agent.change.WriteFile;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.HostInfo;

/** The native scheduler of the host's operating system. */
public final class Schedulers {
    private Schedulers() {}

    /**
     * Empty for an operating system with no scheduler leakguard knows. {@code live} is the host
     * with its platform's ports attached: Windows needs its {@link org.leakguard.agent.host.SystemFolder}.
     */
    public static Optional<Scheduler> forHost(Host live, Clock clock) {
        HostInfo host = live.info();
        if (host.isLinux()) {
            return Optional.of(new SystemdScheduler());
        }
        if (host.isMac()) {
            return Optional.of(new LaunchdScheduler());
        }
        if (host.isWindows()) {
            return Optional.of(new TaskScheduler(clock, live));
        }
        return Optional.empty();
    }

    /** The copy of the policy that every scheduler's runs read. */
    static WriteFile policyCopy(String path, byte[] policy, Integer mode) {
        return new WriteFile(path, policy, mode, "the policy the scheduled runs enforce, copied so the admin's file can change");
    }
}
