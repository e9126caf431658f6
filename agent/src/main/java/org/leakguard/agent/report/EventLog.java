package org.leakguard.agent.report;

import java.util.Optional;

/**
 * Where a run leaves its one line for the host's own log: syslog (and through it journald) on
 * Linux and macOS, the Event Log on Windows. A log that cannot be written never fails the run.
 */
public interface EventLog {

    /** Writes the event; returns why it could not, or empty. Never throws. */
    Optional<String> write(RunEvent event);
}
