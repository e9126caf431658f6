package org.leakguard.agent.report;

import org.leakguard.agent.spi.Status;

/**
 * One run as a single log line, with an id per result that stays the same across versions, so a
 * log pipeline or an Event Log view can select on it: 1xxx the host is as the policy says (or out
 * of its scope), 2xxx it is not, 3xxx an apply was undone, 4xxx the run could not do its work.
 *
 * @param id the stable event id of the result
 * @param text {@code LG<id> result=... exit=... command=... policy=... txid=... host=... controls=id:status,... probes=passed/total}
 */
public record RunEvent(int id, Level level, Result result, String text) {

    /** Severity, as syslog names it; the Event Log has fewer and maps them. */
    public enum Level {
        INFO("info"),
        NOTICE("notice"),
        WARNING("warning"),
        ERROR("err"),
        CRITICAL("crit");

        private final String syslog;

        Level(String syslog) {
            this.syslog = syslog;
        }

        /** The syslog priority name, as {@code logger -p user.NAME} takes it. */
        public String syslog() {
            return syslog;
        }
    }

    public static RunEvent of(Report r) {
        Result result = r.result() == null ? Result.ERROR : r.result();
        int id = id(result);
        StringBuilder s = new StringBuilder("LG").append(id);
        field(s, "result", result.label());
        field(s, "exit", Integer.toString(r.exitCode()));
        field(s, "command", r.command());
        field(s, "policy", r.policy() == null ? null : r.policy().name());
        field(s, "txid", r.transaction());
        field(s, "host", r.host() == null ? null : r.host().name());
        StringBuilder controls = new StringBuilder();
        for (ControlReport c : r.controls()) {
            controls.append(controls.length() == 0 ? "" : ",").append(c.id()).append(':')
                    .append(c.status() == null ? Status.UNKNOWN.label() : c.status().label());
        }
        field(s, "controls", controls.toString());
        long passed = r.probes().stream().filter(p -> Boolean.TRUE.equals(p.passed())).count();
        field(s, "probes", passed + "/" + r.probes().size());
        return new RunEvent(id, level(result), result, s.toString());
    }

    /** The stable id of each result; never renumbered, new results take new numbers. */
    public static int id(Result result) {
        switch (result) {
            case COMPLIANT:
                return 1000;
            case REMEDIATED:
                return 1001;
            case VALID:
                return 1002;
            case NOT_APPLICABLE:
                return 1003;
            case NON_COMPLIANT:
                return 2000;
            case ROLLED_BACK:
                return 3000;
            case ROLLBACK_FAILED:
                return 3001;
            case INVALID:
                return 4000;
            case ERROR:
            default:
                return 4001;
        }
    }

    static Level level(Result result) {
        switch (result) {
            case REMEDIATED:
                return Level.NOTICE;
            case NON_COMPLIANT:
                return Level.WARNING;
            case ROLLED_BACK:
            case INVALID:
            case ERROR:
                return Level.ERROR;
            case ROLLBACK_FAILED:
                return Level.CRITICAL;
            default:
                return Level.INFO;
        }
    }

    /** {@code key=value}, the value kept to one token: a log line cannot be split or forged by what it quotes. */
    private static void field(StringBuilder s, String key, String value) {
        s.append(' ').append(key).append('=');
        if (value == null || value.isEmpty()) {
            s.append('-');
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            s.append(Character.isWhitespace(c) || Character.isISOControl(c) || c == '=' ? '_' : c);
        }
    }
}
