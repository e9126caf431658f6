package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: pin (containers use resolvers.servers) | unmanaged. */
public enum DockerDns implements YamlWord {
    PIN("pin"),
    UNMANAGED("unmanaged");

    private final String yaml;

    DockerDns(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
