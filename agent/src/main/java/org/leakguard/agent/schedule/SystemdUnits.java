package org.leakguard.agent.schedule;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The service and timer unit files of a schedule, as text. Pure: no I/O. */
final class SystemdUnits {
    static final String NAME = "leakguard-check";
    static final String DIR = "/etc/systemd/system";
    static final String SERVICE = DIR + "/" + NAME + ".service";
    static final String TIMER = DIR + "/" + NAME + ".timer";
    private static final String HEADER = "# Written by `agent schedule install`; `agent schedule remove` deletes it.\n";

    private SystemdUnits() {}

    /**
     * A oneshot service: systemd never starts it again while a run is still going, and the agent's
     * run lock (with --wait) queues it behind a manual apply or a watch repair.
     */
    static String service(Schedule s) {
        return HEADER
                + "[Unit]\n"
                + "Description=leakguard scheduled compliance " + (s.remediate() ? "check and repair" : "check") + "\n"
                + "Wants=network-online.target\n"
                + "After=network-online.target\n"
                + "\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=" + execLine(s.argv()) + "\n"
                + "TimeoutStartSec=" + (s.waitSeconds() + 600) + "s\n";
    }

    /**
     * Monotonic, not OnCalendar: with OnBootSec the first run comes soon after boot (and at once
     * when enabled later), then one every period from the last, so hosts spread by boot time and
     * jitter instead of all asking the canary at the top of the hour.
     */
    static String timer(Schedule s) {
        return HEADER
                + "[Unit]\n"
                + "Description=leakguard scheduled compliance " + (s.remediate() ? "check and repair" : "check") + " every "
                + Values.human(s.every()) + "\n"
                + "\n"
                + "[Timer]\n"
                + "OnBootSec=1min\n"
                + "OnUnitActiveSec=" + s.every().toSeconds() + "s\n"
                + "RandomizedDelaySec=" + s.jitter().toSeconds() + "s\n"
                + "AccuracySec=" + accuracy(s.every()).toSeconds() + "s\n"
                + "\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n";
    }

    /** A tenth of the period, at most systemd's default minute: an hourly check may coalesce with other timers. */
    static Duration accuracy(Duration every) {
        Duration tenth = every.dividedBy(10);
        return tenth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : tenth.isZero() ? Duration.ofSeconds(1) : tenth;
    }

    static String execLine(List<String> argv) {
        return executable(argv.get(0)) + argv.subList(1, argv.size()).stream().map(w -> " " + quote(w)).collect(Collectors.joining());
    }

    /**
     * The program path, quoted: systemd replaces {@code %%} in it but no {@code $}, and refuses a
     * program name holding a quote or a backslash (checked with systemd-analyze verify, systemd 252).
     */
    static String executable(String path) {
        Values.plain("ExecStart program", path);
        for (char c : new char[] {'"', '\'', '\\'}) {
            if (path.indexOf(c) >= 0) {
                throw new IllegalArgumentException("ExecStart program: " + path + " holds " + c
                        + ", which systemd refuses in a program name; install the agent under a plainer path");
            }
        }
        return "\"" + path.replace("%", "%%") + "\"";
    }

    /**
     * One ExecStart word as systemd reads it back: double quotes with C-style escapes for the
     * backslash and the quote, {@code %%} for a literal percent (specifiers) and {@code $$} for a
     * literal dollar (environment substitution). Control characters are refused, not escaped:
     * nothing leakguard runs needs them.
     */
    static String quote(String word) {
        Values.plain("ExecStart argument", word);
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            switch (c) {
                case '\\':
                    b.append("\\\\");
                    break;
                case '"':
                    b.append("\\\"");
                    break;
                case '%':
                    b.append("%%");
                    break;
                case '$':
                    b.append("$$");
                    break;
                default:
                    b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
