package org.leakguard.agent.spi;

import com.fasterxml.jackson.annotation.JsonValue;

/** A control's status in the report. */
public enum Status {
    COMPLIANT("compliant"),
    CHANGED("changed"),
    NON_COMPLIANT("non-compliant"),
    NOT_APPLICABLE("not-applicable"),
    FAILED("failed"),
    UNKNOWN("unknown");

    private final String label;

    Status(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
