package org.leakguard.agent.cli;

import org.leakguard.agent.schedule.Schedule;
import picocli.CommandLine.Model.OptionSpec;

/** The retention options shared by the verbs that keep reports: schedule install, schedule run, watch. */
final class Keep {
    final OptionSpec reports = Args.option("--keep-reports", int.class, "N",
            "Reports kept in the state folder (default: ${DEFAULT-VALUE}).").defaultValue(Integer.toString(Schedule.KEEP_REPORTS)).build();
    final OptionSpec journals = Args.option("--keep-journals", int.class, "N",
            "Finished journals kept (default: ${DEFAULT-VALUE}).").defaultValue(Integer.toString(Schedule.KEEP_JOURNALS)).build();

    int reports() {
        return reports.<Integer>getValue();
    }

    int journals() {
        return journals.<Integer>getValue();
    }

    /** Refuses a count below one: a run must keep at least its own report. */
    void check() {
        if (reports() < 1 || journals() < 1) {
            throw new IllegalArgumentException("--keep-reports and --keep-journals must be at least 1");
        }
    }
}
