package org.leakguard.agent.schedule;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;

/**
 * One operating system's native scheduler. Installing is a list of changes, so the engine's
 * journal carries it out and can take it back exactly; only {@link #state} reads the live host.
 */
public interface Scheduler {

    /** The scheduler and its entry, as people name them: {@code systemd timer leakguard-check.timer}. */
    String name();

    /** Why this host cannot take the entry now, or empty when it can. */
    Optional<String> unavailabilityCause(Host host);

    /** Where the policy copy goes: the runs never read the admin's working file. */
    String policyCopy();

    /** The changes that install {@code s}; {@code policy} is the validated file's bytes. Pure. */
    List<Change> install(Schedule s, byte[] policy);

    /** What the scheduler says of the entry (active, next and last run), or why it cannot tell. */
    SchedulerState state(Host host) throws IOException;
}
