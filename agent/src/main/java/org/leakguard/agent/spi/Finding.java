package org.leakguard.agent.spi;

import com.fasterxml.jackson.annotation.JsonValue;

/** Something a person should know about a control: what was seen and what to do. */
public record Finding(Severity severity, String message) {

    public enum Severity {
        INFO,
        WARNING,
        ERROR;

        @JsonValue
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Finding info(String message) {
        return new Finding(Severity.INFO, message);
    }

    public static Finding warning(String message) {
        return new Finding(Severity.WARNING, message);
    }

    public static Finding error(String message) {
        return new Finding(Severity.ERROR, message);
    }
}
