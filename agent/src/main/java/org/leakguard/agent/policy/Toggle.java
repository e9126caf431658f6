package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: disable | keep. */
public enum Toggle implements YamlWord {
    DISABLE("disable"),
    KEEP("keep");

    private final String yaml;

    Toggle(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
