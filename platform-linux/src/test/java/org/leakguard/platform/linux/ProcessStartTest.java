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

    @Test
    void theUptimeLessTheTicksOfField22BeforeNow() {
        Instant started = ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), Fixtures.text("resolved/proc-uptime"), READ)
                .orElseThrow();
        assertThat(started).isEqualTo(READ.minusMillis(20665_700 - 20664_390));
        // Within the hundredths the kernel counts in; /proc/stat's whole-second btime put it 0.3 s early.
        assertThat(started).isCloseTo(FORKED, within(20, ChronoUnit.MILLIS));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() {
        String stat = Fixtures.text("resolved/proc-25102-stat").replace("(sleep)", "(a (b) c)");
        assertThat(ProcessStart.parse(stat, Fixtures.text("resolved/proc-uptime"), READ))
                .contains(READ.minusMillis(1310));
    }

    @Test
    void otherTextIsNoStartTime() {
        assertThat(ProcessStart.parse("", Fixtures.text("resolved/proc-uptime"), READ)).isEmpty();
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-25102-stat"), "btime 1796591011\n", READ)).isEmpty();
    }
}
