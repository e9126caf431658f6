package org.leakguard.platform.linux;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, from the kernel's own files: {@code /proc/PID/stat} counts it in clock
 * ticks after boot (field 22), {@code /proc/uptime} the time since boot now, both on the boot
 * clock in hundredths of a second; the start is that long before now. (/proc/stat's {@code btime}
 * is whole seconds, which would put the start up to a second early.) {@code btime} still serves as
 * a cross-check: in LXC-style containers lxcfs gives /proc/uptime the container's age but leaves
 * the ticks counted from the host's boot, and the two starts then disagree by days. Pure: parses
 * the three texts.
 */
final class ProcessStart {
    /** USER_HZ, what /proc counts ticks in: 100 on every architecture Linux distributions ship for. */
    static final int TICKS_PER_SECOND = 100;

    static final String UPTIME = "/proc/uptime";
    static final String STAT = "/proc/stat";
    /** How far the uptime's start and btime's may differ: btime's truncation, and the two reads apart. */
    private static final Duration AGREEMENT = Duration.ofSeconds(2);

    private ProcessStart() {}

    static String statPath(long pid) {
        return "/proc/" + pid + "/stat";
    }

    /**
     * The start time, or empty when a text is not what the kernel writes, or when the uptime and
     * {@code btime} disagree about it or put it after {@code now} (then no start can be trusted).
     *
     * @param now the wall clock read just before {@code uptime}
     */
    static Optional<Instant> parse(String pidStat, String uptime, String procStat, Instant now) {
        int close = pidStat.lastIndexOf(')');
        // The command name in parentheses may hold spaces; the fields after it start with field 3.
        String[] fields = close < 0 ? new String[0] : pidStat.substring(close + 1).strip().split("\\s+");
        String[] up = uptime.strip().split("\\s+");
        Optional<Long> btime = procStat.lines().filter(l -> l.startsWith("btime ")).findFirst().flatMap(l -> number(l.substring(6).strip()));
        if (fields.length < 20 || !up[0].matches("\\d+\\.\\d{2}") || btime.isEmpty()) {
            return Optional.empty();
        }
        long upMillis = Long.parseLong(up[0].replace(".", "")) * 1000 / TICKS_PER_SECOND;
        return number(fields[19]).flatMap(ticks -> {
            Instant started = now.minus(Duration.ofMillis(upMillis - ticks * 1000 / TICKS_PER_SECOND));
            Instant byBtime = Instant.ofEpochSecond(btime.get()).plusMillis(ticks * 1000 / TICKS_PER_SECOND);
            boolean agree = Duration.between(started, byBtime).abs().compareTo(AGREEMENT) <= 0;
            return agree && !started.isAfter(now) ? Optional.of(started) : Optional.empty();
        });
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
