package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: block | off. */
public enum DohRule implements YamlWord {
    BLOCK("block"),
    OFF("off");

    private final String yaml;

    DohRule(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
