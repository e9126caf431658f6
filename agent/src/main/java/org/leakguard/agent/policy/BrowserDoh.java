package org.leakguard.agent.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** Policy values: off | resolver | unmanaged. */
public enum BrowserDoh implements YamlWord {
    OFF("off"),
    RESOLVER("resolver"),
    UNMANAGED("unmanaged");

    private final String yaml;

    BrowserDoh(String yaml) {
        this.yaml = yaml;
    }

    /** The word the policy file uses. */
    @Override
    @JsonValue
    public String yaml() {
        return yaml;
    }
}
