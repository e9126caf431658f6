package org.leakguard.agent.report;

import com.fasterxml.jackson.annotation.JsonValue;

/** A run's overall result and the exit code that goes with it. */
public enum Result {
    COMPLIANT("compliant", 0),
    /** {@code validate}: the policy file is valid. */
    VALID("valid", 0),
    REMEDIATED("remediated", 0),
    /** The policy's appliesTo or rollout leaves this host out: nothing was read or changed. */
    NOT_APPLICABLE("not-applicable", 0),
    NON_COMPLIANT("non-compliant", 3),
    ROLLED_BACK("rolled-back", 4),
    ROLLBACK_FAILED("rollback-failed", 5),
    INVALID("invalid", 2),
    ERROR("error", 1);

    private final String label;
    private final int exitCode;

    Result(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public int exitCode() {
        return exitCode;
    }
}
