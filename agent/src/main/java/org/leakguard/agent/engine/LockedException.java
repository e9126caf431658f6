package org.leakguard.agent.engine;

/** Another run holds the state folder's lock. */
public final class LockedException extends Exception {
    public LockedException(String message) {
        super(message);
    }
}
