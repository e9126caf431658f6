package org.leakguard.platform.linux;

import java.time.Instant;

/** Where the systemd-resolved settings are judged from: the running daemon, or its files alone and why. */
sealed interface ResolvedRuntime {

    /**
     * Its D-Bus name is on the system bus: its global settings were read from it.
     *
     * @param started when the daemon's process started, or null where that could not be read
     */
    record Running(ResolvedGlobal global, Instant started) implements ResolvedRuntime {}

    /** The bus answers and its name is not on it: it reads the drop-in when it starts. */
    record Stopped() implements ResolvedRuntime {}

    /**
     * Whether it runs is not known (no bus answers, or an offline image): the drop-in is judged
     * from the file alone.
     *
     * @param why what was found instead, said in the report
     */
    record Unread(String why) implements ResolvedRuntime {}
}
