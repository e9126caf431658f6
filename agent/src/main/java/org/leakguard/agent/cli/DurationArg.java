package org.leakguard.agent.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: 500ms, 30s, 10m, 1h. */
final class DurationArg {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationArg() {}

    static Duration parse(String option, String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(option + ": expected a duration like 500ms, 30s, 10m or 1h, got " + text);
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            default:
                return Duration.ofHours(n);
        }
    }
}
