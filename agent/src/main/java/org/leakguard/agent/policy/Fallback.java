package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: built-in fallback resolvers: deny | allow. */
public enum Fallback implements YamlWord {
    DENY("deny"),
    ALLOW("allow");

    private final String yaml;

    Fallback(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
