package org.leakguard.platform.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A process's start from the kernel's files, as read from the real resolved (resources resolved/, see its README). */
class ProcessStartTest {

    @Test
    void bootTimePlusTheTicksOfField22() {
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-22692-stat"), Fixtures.text("resolved/proc-stat")))
                .contains(Instant.parse("2026-12-07T02:24:42.950Z"));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesIsSkippedWhole() {
        String stat = Fixtures.text("resolved/proc-22692-stat").replace("(systemd-resolve)", "(a (b) c)");
        assertThat(ProcessStart.parse(stat, Fixtures.text("resolved/proc-stat"))).contains(Instant.parse("2026-12-07T02:24:42.950Z"));
    }

    @Test
    void otherTextIsNoStartTime() {
        assertThat(ProcessStart.parse("", Fixtures.text("resolved/proc-stat"))).isEmpty();
        assertThat(ProcessStart.parse(Fixtures.text("resolved/proc-22692-stat"), "cpu 1 2 3\n")).isEmpty();
    }
}
