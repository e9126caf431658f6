package org.leakguard.platform.linux;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, from the kernel's own files: {@code /proc/PID/stat} counts it in clock
 * ticks after boot (field 22), {@code /proc/uptime} the time since boot now, both on the boot
 * clock in hundredths of a second; the start is that long before now. (/proc/stat's {@code btime}
 * is whole seconds, which would put the start up to a second early.) Pure: parses the two texts.
 */
final class ProcessStart {
    /** USER_HZ, what /proc counts ticks in: 100 on every architecture Linux distributions ship for. */
    static final int TICKS_PER_SECOND = 100;

    static final String UPTIME = "/proc/uptime";

    private ProcessStart() {}

    static String statPath(long pid) {
        return "/proc/" + pid + "/stat";
    }

    /**
     * The start time, or empty when either text is not what the kernel writes.
     *
     * @param now the wall clock read just before {@code uptime}
     */
    static Optional<Instant> parse(String pidStat, String uptime, Instant now) {
        int close = pidStat.lastIndexOf(')');
        // The command name in parentheses may hold spaces; the fields after it start with field 3.
        String[] fields = close < 0 ? new String[0] : pidStat.substring(close + 1).strip().split("\\s+");
        String[] up = uptime.strip().split("\\s+");
        if (fields.length < 20 || !up[0].matches("\\d+\\.\\d{2}")) {
            return Optional.empty();
        }
        long upMillis = Long.parseLong(up[0].replace(".", "")) * 1000 / TICKS_PER_SECOND;
        return number(fields[19]).map(ticks -> now.minus(Duration.ofMillis(upMillis - ticks * 1000 / TICKS_PER_SECOND)));
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
