package org.leakguard.platform.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PowerShell's list view (Format-List) from a capture: one block of {@code Name : value}
 * lines per object, blank lines between objects; an indented line continues the value above
 * (a long array wraps so).
 */
final class PsList {
    private PsList() {}

    static List<Map<String, String>> parse(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = null;
        String last = null;
        for (String line : text.lines().toList()) {
            if (line.isBlank()) {
                current = null;
                continue;
            }
            if (Character.isWhitespace(line.charAt(0)) && current != null && last != null) {
                current.put(last, (current.get(last) + " " + line.strip()).strip());
                continue;
            }
            int colon = line.indexOf(" : ");
            String name = colon < 0 ? line.replaceAll(" *:$", "").strip() : line.substring(0, colon).strip();
            String value = colon < 0 ? "" : line.substring(colon + 3).strip();
            if (current == null) {
                current = new LinkedHashMap<>();
                out.add(current);
            }
            current.put(name, value);
            last = name;
        }
        return out;
    }

    /** {@code {a, b}} as PowerShell prints an array: its items; a bare value: itself; empty: none. */
    static List<String> items(String value) {
        String v = value.strip();
        if (v.startsWith("{") && v.endsWith("}")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isBlank() ? List.of() : List.of(v.split("\\s*,\\s*"));
    }
}
