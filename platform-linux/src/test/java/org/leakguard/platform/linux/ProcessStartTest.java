package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/**
 * A process's start from the kernel's files (resources resolved/, see its README): pid 25102 was
 * forked just after {@link #FORKED}, its stat and the uptime read at {@link #READ}.
 */
class ProcessStartTest {
    static final Instant FORKED = Instant.parse("2026-12-07T02:47:55.690453191Z");
    static final Instant READ = Instant.parse("2026-12-07T02:47:56.997253792Z");
    /** /proc/stat of the same boot (btime 1796591011), read later. */
    static final String BOOT = Fixtures.text("resolved/proc-stat");

    @Test
    void theUptimeLessTheTicksOfField22BeforeNow() {
        Instant started = ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), Fixtures.text("resolved/proc-uptime"), BOOT, READ)
                .orElseThrow();
        assertThat(started).isEqualTo(READ.minusMillis(20665_700 - 20664_390));
        // Within the hundredths the kernel counts in; /proc/stat's whole-second btime put it 0.3 s early.
        assertThat(started).isCloseTo(FORKED, within(20, ChronoUnit.MILLIS));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() {
        String stat = Fixtures.text("resolved/proc-25102-stat").replace("(sleep)", "(a (b) c)");
        assertThat(ProcessStart.parse(stat, Fixtures.text("resolved/proc-uptime"), BOOT, READ))
                .contains(READ.minusMillis(1310));
    }

    @Test
    void otherTextIsNoStartTime() {
        assertThat(ProcessStart.parse("", Fixtures.text("resolved/proc-uptime"), BOOT, READ)).isEmpty();
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), "btime 1796591011\n", BOOT, READ)).isEmpty();
    }

    /**
     * In an LXC-style container lxcfs gives /proc/uptime the container's age while field 22 still
     * counts from the host's boot: the start would be days off, and btime says so.
     */
    @Test
    void anUptimeThatDisagreesWithBtimeGivesNoStartTime() {
        String containerUptime = "3600.00 7100.00\n";
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), containerUptime, BOOT, READ)).isEmpty();
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), Fixtures.text("resolved/proc-uptime"), "cpu 1 2 3\n", READ))
                .as("no btime line").isEmpty();
    }

    /** Readings that put the start after now (a clock stepped back between them), even agreeing with btime, are not trusted. */
    @Test
    void aStartAfterNowIsNoStartTime() {
        String uptime = "20664.00 15000.00\n"; // 0.39 s short of the process's own 20664.39
        String boot = BOOT.replaceFirst("(?m)^btime \\d+$", "btime " + (READ.getEpochSecond() - 20664));
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), uptime, boot, READ)).isEmpty();
    }
}
