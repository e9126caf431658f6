package org.leakguard.agent.host;

import java.time.Duration;
import java.util.List;

/** One external program run: argv (no shell), optional standard input, a time limit. */
public record Command(List<String> argv, String input, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs a program name");
        }
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, null);
    }

    public Command withInput(String text) {
        return new Command(argv, text, timeout);
    }

    @Override
    public String toString() {
        return String.join(" ", argv);
    }
}
