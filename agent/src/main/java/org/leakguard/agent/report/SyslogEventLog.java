package org.leakguard.agent.report;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;

/**
 * The run's line through {@code logger}, to syslog and so to journald where it listens on
 * /dev/log. Java cannot send a datagram to a Unix socket, and logger is in util-linux (Linux) and
 * in macOS itself, so both use it, with the flags the two share. The line goes out as
 * {@code user.<level>} with the tag {@code leakguard}; its first word is the event id.
 */
public final class SyslogEventLog implements EventLog {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Commands commands;

    public SyslogEventLog(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Optional<String> write(RunEvent event) {
        try {
            CommandResult r = commands.run(command(event));
            return r.ok() ? Optional.empty()
                    : Optional.of("logger exited " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.of("cannot run logger: " + e.getMessage());
        }
    }

    /** {@code logger -t leakguard -p user.LEVEL -- TEXT}: an argv, no shell; {@code --} so the text is never an option. */
    static Command command(RunEvent event) {
        return new Command(List.of("logger", "-t", "leakguard", "-p", "user." + event.level().syslog(), "--", event.text()),
                null, TIMEOUT);
    }
}
