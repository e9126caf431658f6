package org.leakguard.platform.windows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.leakguard.agent.change.Change;

/** Registry values a control read, by key and name; an absent value is not in the map. */
record RegistrySeen(Map<String, Map<String, RegValue>> values) {

    RegistrySeen {
        Map<String, Map<String, RegValue>> copy = new HashMap<>();
        values.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
        values = Map.copyOf(copy);
    }

    /** Reads the named values of each key. */
    static RegistrySeen read(Registry r, Map<String, List<String>> names) throws IOException {
        Map<String, Map<String, RegValue>> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : names.entrySet()) {
            Map<String, RegValue> values = new HashMap<>();
            for (String name : e.getValue()) {
                r.value(e.getKey(), name).ifPresent(v -> values.put(name, v));
            }
            out.put(e.getKey(), values);
        }
        return new RegistrySeen(out);
    }

    Optional<RegValue> value(String key, String name) {
        return Optional.ofNullable(values.getOrDefault(key, Map.of()).get(name));
    }

    /** One change for the key when any wanted value differs (a null value: must be absent), else none. */
    Optional<Change> write(String key, List<RegEntry> want, String why) {
        List<RegEntry> differ = new ArrayList<>();
        for (RegEntry e : want) {
            if (!value(key, e.name()).equals(Optional.ofNullable(e.value()))) {
                differ.add(e);
            }
        }
        return differ.isEmpty() ? Optional.empty() : Optional.of(new RegistryWrite(key, differ, why));
    }
}
