package org.leakguard.agent.policy;

/** Placeholder. */
public final class PolicyException extends Exception {
    public PolicyException(String message) {
        super(message);
    }
}
