package org.leakguard.agent.probe;

import java.util.concurrent.Callable;

/**
 * One leak check to run against the network.
 *
 * @param attempt returns what was observed and whether that is a pass; it may block, the runner bounds it
 */
record Probe(String kind, String target, String expected, Callable<Observed> attempt) {

    /** What a probe saw. {@code passed == null} means it could not tell. */
    record Observed(String what, Boolean passed) {}
}
