package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: none | dot | doh. */
public enum Encryption implements YamlWord {
    NONE("none"),
    DOT("dot"),
    DOH("doh");

    private final String yaml;

    Encryption(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
