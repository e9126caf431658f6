package org.leakguard.agent.schedule;

/**
 * What a scheduler says of the entry; a field it does not tell is null.
 *
 * @param note why something is unknown, or extra detail
 */
public record SchedulerState(String active, String nextRun, String lastRun, String lastResult, String note) {

    static SchedulerState unknown(String why) {
        return new SchedulerState(null, null, null, null, why);
    }
}
