package org.leakguard.platform.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.platform.win32.WinNT;
import java.util.EnumSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.report.RunEvent;

/** Levels map onto the Event Log's three types; on Windows the event is really written. */
class WindowsEventLogTest {

    @Test
    void everyLevelHasAnEventLogType() {
        assertThat(WindowsEventLog.type(RunEvent.Level.INFO)).isEqualTo(WinNT.EVENTLOG_INFORMATION_TYPE);
        assertThat(WindowsEventLog.type(RunEvent.Level.NOTICE)).isEqualTo(WinNT.EVENTLOG_INFORMATION_TYPE);
        assertThat(WindowsEventLog.type(RunEvent.Level.WARNING)).isEqualTo(WinNT.EVENTLOG_WARNING_TYPE);
        assertThat(WindowsEventLog.type(RunEvent.Level.ERROR)).isEqualTo(WinNT.EVENTLOG_ERROR_TYPE);
        assertThat(WindowsEventLog.type(RunEvent.Level.CRITICAL)).isEqualTo(WinNT.EVENTLOG_ERROR_TYPE);
        for (RunEvent.Level level : EnumSet.allOf(RunEvent.Level.class)) {
            assertThat(WindowsEventLog.type(level)).isIn(WinNT.EVENTLOG_INFORMATION_TYPE, WinNT.EVENTLOG_WARNING_TYPE,
                    WinNT.EVENTLOG_ERROR_TYPE);
        }
    }

    @Test
    @Tag("windows-only")
    @EnabledOnOs(OS.WINDOWS)
    void writesToTheApplicationLog() {
        Report r = new Report(Result.COMPLIANT, 0, "check", null, new Report.HostRef("h", "Windows"), null, 0,
                java.util.List.of(), java.util.List.of(), java.util.List.of());

        assertThat(new WindowsEventLog().write(RunEvent.of(r))).isEmpty();
    }
}
