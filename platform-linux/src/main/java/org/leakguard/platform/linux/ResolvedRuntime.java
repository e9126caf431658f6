package org.leakguard.platform.linux;

/** Where the systemd-resolved settings are judged from: the running daemon, or its files alone and why. */
sealed interface ResolvedRuntime {

    /** Its D-Bus name is on the system bus: its global settings were read from it. */
    record Running(ResolvedGlobal global) implements ResolvedRuntime {}

    /**
     * It was not read: not running, no bus to ask, or an offline image; the drop-in is judged from
     * the file alone.
     *
     * @param why what was found instead, said in the report
     */
    record FileOnly(String why) implements ResolvedRuntime {}
}
