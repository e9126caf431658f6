package org.leakguard.platform.windows;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A registry in memory: keys compared case-insensitively, as Windows does; each write stamps the key. */
final class InMemoryRegistry implements Registry {
    private final Map<String, Map<String, RegValue>> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Instant> written = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Clock clock;

    InMemoryRegistry(Clock clock) {
        this.clock = clock;
        keys.put("HKLM", new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
    }

    InMemoryRegistry put(String key, String name, RegValue value) {
        set(key, name, value);
        return this;
    }

    InMemoryRegistry key(String key) {
        create(key);
        return this;
    }

    @Override
    public boolean keyExists(String key) {
        return keys.containsKey(key);
    }

    @Override
    public Optional<RegValue> value(String key, String name) {
        return Optional.ofNullable(keys.getOrDefault(key, Map.of()).get(name));
    }

    @Override
    public List<String> subkeys(String key) {
        List<String> out = new ArrayList<>();
        String prefix = key + "\\";
        for (String k : keys.keySet()) {
            if (k.regionMatches(true, 0, prefix, 0, prefix.length()) && k.indexOf('\\', prefix.length()) < 0) {
                out.add(k.substring(prefix.length()));
            }
        }
        return out;
    }

    @Override
    public void set(String key, String name, RegValue value) {
        create(key);
        keys.get(key).put(name, value);
        written.put(key, clock.instant());
    }

    private void create(String key) {
        for (String k = key; k != null && !keys.containsKey(k); k = Registry.parent(k)) {
            keys.put(k, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
            written.put(k, clock.instant());
        }
    }

    @Override
    public void delete(String key, String name) {
        Map<String, RegValue> values = keys.get(key);
        if (values != null && values.remove(name) != null) {
            written.put(key, clock.instant());
        }
    }

    @Override
    public boolean deleteIfEmpty(String key) {
        if (!keys.containsKey(key)) {
            return true;
        }
        if (!keys.get(key).isEmpty() || !subkeys(key).isEmpty()) {
            return false;
        }
        keys.remove(key);
        written.remove(key);
        return true;
    }

    @Override
    public Optional<Instant> lastWritten(String key) {
        return Optional.ofNullable(written.get(key));
    }

    /** Every key and value, for comparing the whole registry before and after. */
    Map<String, Map<String, RegValue>> snapshot() {
        Map<String, Map<String, RegValue>> out = new TreeMap<>();
        keys.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), new TreeMap<>(v)));
        return out;
    }
}
