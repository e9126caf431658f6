package org.leakguard.agent.spi;

import java.util.List;

/**
 * A program that runs as long as {@code agent watch} does and prints a line for each change of
 * something that gives no file event, such as the kernel's firewall ruleset (nft's netlink
 * monitor). A line naming {@code marker} wakes the watch at once instead of at the next poll.
 *
 * @param argv the program and its arguments, run without a shell
 * @param marker a line containing this text (in any case) may be a drift; other lines are ignored
 * @param what what the feed reports, for the log
 */
public record EventFeed(List<String> argv, String marker, String what) {
    public EventFeed {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || marker == null || marker.isBlank()) {
            throw new IllegalArgumentException("an event feed needs a program and a marker");
        }
    }

    /** Whether this line of the program's output may be a drift. */
    public boolean relevant(String line) {
        return line.toLowerCase(java.util.Locale.ROOT).contains(marker.toLowerCase(java.util.Locale.ROOT));
    }
}
