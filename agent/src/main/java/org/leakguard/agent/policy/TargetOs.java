package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values of {@code spec.appliesTo.os}: linux | windows | macos, as platforms name themselves. */
public enum TargetOs implements YamlWord {
    LINUX("linux"),
    WINDOWS("windows"),
    MACOS("macos");

    private final String yaml;

    TargetOs(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses, which is also the serving platform's id. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
