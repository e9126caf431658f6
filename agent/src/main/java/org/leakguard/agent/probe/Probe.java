package org.leakguard.agent.probe;

import java.util.concurrent.Callable;
import org.leakguard.agent.report.NameRouting;

/**
 * One leak check to run against the network.
 *
 * @param attempt returns what was observed and whether that is a pass; it may block, the runner bounds it
 * @param routing for a probe that follows one name, where that name may go; null otherwise. It is
 *     known before the probe runs, so a probe that does not finish still says which name it followed.
 */
record Probe(String kind, String target, String expected, Callable<Observed> attempt, NameRouting routing) {

    Probe(String kind, String target, String expected, Callable<Observed> attempt) {
        this(kind, target, expected, attempt, null);
    }

    /** What a probe saw. {@code passed == null} means it could not tell; {@code routing}, where its name went. */
    record Observed(String what, Boolean passed, NameRouting routing) {

        Observed(String what, Boolean passed) {
            this(what, passed, null);
        }
    }
}
