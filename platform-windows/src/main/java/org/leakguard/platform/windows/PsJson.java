package org.leakguard.platform.windows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading what ConvertTo-Json printed. Windows PowerShell 5.1 writes a one-item list as the item
 * itself and an empty one as nothing or null, so every list is read leniently.
 */
final class PsJson {
    private PsJson() {}

    /** The items of an array, the node itself when it is one item, nothing when absent or null. */
    static List<JsonNode> items(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isMissingNode() || n.isNull()) {
            return out;
        }
        if (n.isArray()) {
            n.forEach(out::add);
        } else {
            out.add(n);
        }
        return out;
    }

    /** Text items, each stripped; empty strings are dropped. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : items(n)) {
            String s = item.asText().strip();
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
