package org.leakguard.platform.windows;

import java.util.Objects;

/** One named value of a key; a null value means the value is (or must be) absent. */
public record RegEntry(String name, RegValue value) {
    public RegEntry {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name + (value == null ? " absent" : "=" + value);
    }
}
