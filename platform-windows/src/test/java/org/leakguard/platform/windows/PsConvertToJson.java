package org.leakguard.platform.windows;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What Windows PowerShell 5.1's {@code ConvertTo-Json -Compress -InputObject} prints for the values
 * the scripts build, written from Microsoft's documentation of the cmdlet and of the enums, not
 * from a capture (none is in the fixtures): an ordered hashtable as an object in key order; an
 * array as an array, one item or none included (the value is given with -InputObject, never piped,
 * so no array is unrolled); booleans as true/false; an enum not cast to [string] as its number;
 * strings with {@code < > & '} escaped as {@code \\u003c \\u003e \\u0026 \\u0027} as 5.1's
 * serializer does; and anything nested deeper than {@code -Depth} (2 unless the script says) as
 * its text: a hashtable as its type name, an array as its items joined by spaces.
 */
final class PsConvertToJson {
    private static final Pattern DEPTH = Pattern.compile("ConvertTo-Json[^;|}]*?-Depth (\\d+)");

    /** An enum of a cmdlet's objects: its name and the number ConvertTo-Json prints for it. */
    interface PsEnum {
        String name();

        int value();
    }

    private final int depth;

    private PsConvertToJson(int depth) {
        this.depth = depth;
    }

    /** The serializer with the -Depth the script's ConvertTo-Json call gives, or the default, 2. */
    static PsConvertToJson of(String script) {
        Matcher m = DEPTH.matcher(script);
        return new PsConvertToJson(m.find() ? Integer.parseInt(m.group(1)) : 2);
    }

    /** An [ordered] hashtable: keys in the order given. */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    String print(Object value) {
        return value(value, 0);
    }

    private String value(Object v, int level) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean || v instanceof Number) {
            return v.toString();
        }
        if (v instanceof PsEnum e) {
            return Integer.toString(e.value());
        }
        if (v instanceof String s) {
            return string(s);
        }
        if (level > depth) {
            return string(text(v));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> string(e.getKey().toString()) + ":" + value(e.getValue(), level + 1))
                    .collect(Collectors.joining(",", "{", "}"));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(i -> value(i, level + 1)).collect(Collectors.joining(",", "[", "]"));
        }
        throw new IllegalArgumentException("no ConvertTo-Json form for " + v.getClass());
    }

    /** How PowerShell turns a value past -Depth into text. */
    private static String text(Object v) {
        if (v instanceof Map<?, ?>) {
            return "System.Collections.Specialized.OrderedDictionary";
        }
        if (v instanceof List<?> l) {
            return l.stream().map(PsConvertToJson::text).collect(Collectors.joining(" "));
        }
        return v instanceof PsEnum e ? e.name() : String.valueOf(v);
    }

    private static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\'' -> b.append(String.format("\\u%04x", (int) c));
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
