package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: rollback | keep. */
public enum OnFailure implements YamlWord {
    ROLLBACK("rollback"),
    KEEP("keep");

    private final String yaml;

    OnFailure(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
