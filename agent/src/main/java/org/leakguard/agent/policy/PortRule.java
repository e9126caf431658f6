package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: block-others | off. */
public enum PortRule implements YamlWord {
    BLOCK_OTHERS("block-others"),
    OFF("off");

    private final String yaml;

    PortRule(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
