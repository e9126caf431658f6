package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: prohibit | allow | require | unmanaged (Windows DoHPolicy). */
public enum DohPolicy implements YamlWord {
    PROHIBIT("prohibit"),
    ALLOW("allow"),
    REQUIRE("require"),
    UNMANAGED("unmanaged");

    private final String yaml;

    DohPolicy(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
