package org.leakguard.agent.schedule;

import java.time.Duration;

/** Checks on what goes into scheduler files, and durations as people read them. */
final class Values {
    private Values() {}

    /** An absolute path with no control character: a newline would end a unit-file line. */
    static void absolutePath(String what, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException(what + ": a path is required");
        }
        plain(what, path);
        if (!path.startsWith("/") && !path.matches("[A-Za-z]:\\\\.*")) {
            throw new IllegalArgumentException(what + ": " + path + " is not an absolute path");
        }
    }

    /** Refuses control characters (newlines, tabs, escapes): no scheduler file can hold them safely. */
    static void plain(String what, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(what + ": " + text.replace("\n", "\\n").replace("\r", "\\r")
                        + " holds a control character (U+" + String.format("%04X", (int) c) + "); rename it");
            }
        }
    }

    /** 3600 s as 1h, 90 s as 90s: the largest unit that divides it. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
