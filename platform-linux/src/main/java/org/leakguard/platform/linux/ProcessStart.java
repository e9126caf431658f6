package org.leakguard.platform.linux;

import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, from the kernel's own files: {@code /proc/PID/stat} counts it in clock
 * ticks after boot (field 22), {@code /proc/stat} gives the boot time ({@code btime}) in seconds.
 * Pure: parses the two texts.
 */
final class ProcessStart {
    /** USER_HZ, what /proc counts ticks in: 100 on every architecture Linux distributions ship for. */
    static final int TICKS_PER_SECOND = 100;

    private ProcessStart() {}

    static String statPath(long pid) {
        return "/proc/" + pid + "/stat";
    }

    static final String BOOT = "/proc/stat";

    /** The start time, or empty when either text is not what the kernel writes. */
    static Optional<Instant> parse(String pidStat, String procStat) {
        int close = pidStat.lastIndexOf(')');
        // The command name in parentheses may hold spaces; the fields after it start with field 3.
        String[] fields = close < 0 ? new String[0] : pidStat.substring(close + 1).strip().split("\\s+");
        Optional<Long> boot = procStat.lines().filter(l -> l.startsWith("btime ")).findFirst()
                .flatMap(l -> number(l.substring(6).strip()));
        if (fields.length < 20 || boot.isEmpty()) {
            return Optional.empty();
        }
        return number(fields[19]).map(ticks -> Instant.ofEpochSecond(boot.get())
                .plusMillis(ticks * 1000 / TICKS_PER_SECOND));
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
