package org.leakguard.platform.macos;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes Apple XML property lists from plain values: String, Boolean, Integer or Long, List, Map
 * (keys sorted, as Apple's own tools write them) and {@link Raw}. Tabs, LF: the same values
 * always give the same bytes.
 */
final class Plist {
    static final String HEADER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            """;

    private Plist() {}

    /** A real, date or data element read from an existing list, written back as it was. */
    record Raw(String tag, String text) {}

    static String document(Map<String, ?> root) {
        StringBuilder out = new StringBuilder(HEADER);
        value(out, root, 0);
        return out.append("</plist>\n").toString();
    }

    /** One value as XML, without the document around it: what {@code defaults write DOMAIN KEY VALUE} takes. */
    static String fragment(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder out = new StringBuilder("<array>");
            list.forEach(e -> out.append(fragment(e)));
            return out.append("</array>").toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("<dict>");
            new TreeMap<>(map).forEach((k, e) -> out.append("<key>").append(escape((String) k)).append("</key>").append(fragment(e)));
            return out.append("</dict>").toString();
        }
        StringBuilder out = new StringBuilder();
        value(out, v, 0);
        return out.toString().strip();
    }

    private static void value(StringBuilder out, Object v, int depth) {
        String indent = "\t".repeat(depth);
        if (v instanceof String s) {
            out.append(indent).append("<string>").append(escape(s)).append("</string>\n");
        } else if (v instanceof Boolean b) {
            out.append(indent).append(b ? "<true/>" : "<false/>").append('\n');
        } else if (v instanceof Integer || v instanceof Long) {
            out.append(indent).append("<integer>").append(v).append("</integer>\n");
        } else if (v instanceof Raw r) {
            out.append(indent).append('<').append(r.tag()).append('>').append(escape(r.text())).append("</").append(r.tag())
                    .append(">\n");
        } else if (v instanceof List<?> list) {
            out.append(indent).append("<array>\n");
            list.forEach(e -> value(out, e, depth + 1));
            out.append(indent).append("</array>\n");
        } else if (v instanceof Map<?, ?> map) {
            out.append(indent).append("<dict>\n");
            new TreeMap<>(map).forEach((k, e) -> {
                out.append(indent).append("\t<key>").append(escape((String) k)).append("</key>\n");
                value(out, e, depth + 1);
            });
            out.append(indent).append("</dict>\n");
        } else {
            throw new IllegalArgumentException("no plist form for " + v);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
