package org.leakguard.platform.windows;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import java.util.Optional;
import org.leakguard.agent.report.EventLog;
import org.leakguard.agent.report.RunEvent;

/**
 * The run's line in the Windows Event Log (Application), from the source {@code leakguard}, with
 * the event id of its result ({@link RunEvent#id}: 1000 compliant, 2000 non-compliant, ...) so an
 * Event Viewer filter, a SIEM rule or Intune can select on it. The text is the event's one string.
 *
 * <p>An installer registers the source (HKLM\SYSTEM\CurrentControlSet\Services\EventLog\Application\leakguard,
 * with an EventMessageFile whose messages are "%1") so Event Viewer shows the text without its
 * "description cannot be found" preamble; without that the event is still written, with the text.
 */
public final class WindowsEventLog implements EventLog {
    static final String SOURCE = "leakguard";

    @Override
    public Optional<String> write(RunEvent event) {
        try {
            WinNT.HANDLE source = Advapi32.INSTANCE.RegisterEventSource(null, SOURCE);
            if (source == null) {
                return Optional.of("RegisterEventSource(" + SOURCE + ") failed: " + lastError());
            }
            try {
                boolean ok = Advapi32.INSTANCE.ReportEvent(source, type(event.level()), 0, event.id(), null, 1, 0,
                        new String[] {event.text()}, null);
                return ok ? Optional.empty() : Optional.of("ReportEvent failed: " + lastError());
            } finally {
                Advapi32.INSTANCE.DeregisterEventSource(source);
            }
        } catch (LinkageError | RuntimeException e) {
            return Optional.of("the Event Log cannot be reached: " + e);
        }
    }

    /** The Event Log has three levels where syslog has five: notice is information, critical is error. */
    static int type(RunEvent.Level level) {
        switch (level) {
            case WARNING:
                return WinNT.EVENTLOG_WARNING_TYPE;
            case ERROR:
            case CRITICAL:
                return WinNT.EVENTLOG_ERROR_TYPE;
            default:
                return WinNT.EVENTLOG_INFORMATION_TYPE;
        }
    }

    private static String lastError() {
        int code = Kernel32.INSTANCE.GetLastError();
        return Kernel32Util.formatMessage(code).strip() + " (error " + code + ")";
    }
}
