package org.leakguard.agent.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One scheduled compliance run, as every native scheduler gets it: which agent, state folder and
 * policy copy, how often, how much random delay, and whether a drift is repaired or only reported.
 * Every text here ends up in a unit file, a plist or a task's XML, so each is checked on the way in.
 *
 * @param launcher the agent's launcher (bin/agent), absolute
 * @param stateDir the state folder, absolute: journals, lock and reports
 * @param policy the stable copy of the policy the runs enforce, absolute
 * @param keepReports how many reports {@code schedule run} keeps in the state folder
 * @param keepJournals how many finished journals it keeps
 * @param prometheus the node_exporter textfile each run writes, absolute; null for none
 */
public record Schedule(String launcher, String stateDir, String policy, Duration every, Duration jitter, boolean remediate,
        int keepReports, int keepJournals, String prometheus) {

    public static final Duration SHORTEST = Duration.ofMinutes(1);
    /** Task Scheduler's limit for a repetition interval, and far beyond any useful compliance check. */
    public static final Duration LONGEST = Duration.ofDays(31);
    public static final int KEEP_REPORTS = 48;
    public static final int KEEP_JOURNALS = 100;

    public Schedule {
        Values.absolutePath("launcher", launcher);
        Values.absolutePath("--state-dir", stateDir);
        Values.absolutePath("policy copy", policy);
        if (prometheus != null) {
            Values.absolutePath("--prometheus", prometheus);
        }
        checkTimes(every, jitter);
        if (keepReports < 1 || keepJournals < 1) {
            throw new IllegalArgumentException("--keep-reports and --keep-journals must be at least 1");
        }
    }

    public Schedule(String launcher, String stateDir, String policy, Duration every, Duration jitter, boolean remediate,
            int keepReports, int keepJournals) {
        this(launcher, stateDir, policy, every, jitter, remediate, keepReports, keepJournals, null);
    }

    /** The period and the jitter alone, so a bad value is refused before anything else is looked at. */
    public static void checkTimes(Duration every, Duration jitter) {
        Objects.requireNonNull(every, "every");
        Objects.requireNonNull(jitter, "jitter");
        if (every.compareTo(SHORTEST) < 0 || every.compareTo(LONGEST) > 0 || every.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--every: " + Values.human(every)
                    + " is out of range: give whole seconds from 1m to 31 days; for faster repair use `agent watch`");
        }
        if (jitter.isNegative() || jitter.compareTo(every) >= 0 || jitter.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("--jitter: " + Values.human(jitter) + " must be whole seconds, at least 0s"
                    + " and shorter than --every " + Values.human(every));
        }
    }

    /**
     * How long a run queues behind another one (a manual apply, a watch repair) before it gives
     * up: half the period, from 30 s to 10 min, so a run never waits into the next one.
     */
    public long waitSeconds() {
        return Math.max(30, Math.min(600, every.toSeconds() / 2));
    }

    /**
     * The agent's arguments for one scheduled run, launcher excluded. Every run logs one line to
     * syslog or the Event Log, which is what fleets watch; the Prometheus file only when asked for.
     */
    public List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("--state-dir", stateDir, "--wait", Long.toString(waitSeconds()), "--syslog"));
        if (prometheus != null) {
            args.addAll(List.of("--prometheus", prometheus));
        }
        args.addAll(List.of("schedule", "run"));
        if (remediate) {
            args.add("--remediate");
        }
        args.addAll(List.of("--keep-reports", Integer.toString(keepReports), "--keep-journals", Integer.toString(keepJournals),
                policy));
        return args;
    }

    /** The arguments with the jitter done by the agent itself, for a scheduler that has no random delay. */
    public List<String> runArgsWithJitter() {
        List<String> args = runArgs();
        if (!jitter.isZero()) {
            args.add(args.size() - 1, "--jitter");
            args.add(args.size() - 1, jitter.toSeconds() + "s");
        }
        return args;
    }

    /** The whole command line, launcher first. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(launcher);
        argv.addAll(runArgs());
        return argv;
    }
}
