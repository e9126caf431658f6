package org.leakguard.platform.macos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code scutil}'s {@code show KEY} (or {@code d.show}) prints for a dynamic-store value, as in
 * {@code captured/scutil-show-service-dns--forticlient-supplemental-match-all.txt}: nested dictionary
 * and array blocks, {@code KEY : VALUE} lines, array items keyed by index (an empty value prints as
 * {@code 0 :}). Arrays become lists, the rest strings.
 */
final class ScutilDictionary {
    private static final Pattern ENTRY = Pattern.compile("\\s*(\\S+) :(?: (.*))?");

    private ScutilDictionary() {}

    static Map<String, Object> parse(String text) {
        Deque<Object> open = new ArrayDeque<>();
        Map<String, Object> root = null;
        for (String line : text.split("\r?\n")) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals("}")) {
                open.pop();
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                if (s.equals("<dictionary> {") && root == null) {
                    root = new LinkedHashMap<>();
                    open.push(root);
                    continue;
                }
                throw new IllegalArgumentException("not scutil's dictionary layout: " + line);
            }
            String value = m.group(2) == null ? "" : m.group(2).strip();
            Object item = switch (value) {
                case "<array> {" -> new ArrayList<>();
                case "<dictionary> {" -> new LinkedHashMap<String, Object>();
                default -> value;
            };
            add(open.peek(), m.group(1), item);
            if (!(item instanceof String)) {
                open.push(item);
            }
        }
        if (root == null || !open.isEmpty()) {
            throw new IllegalArgumentException("an unclosed or missing <dictionary> block");
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void add(Object into, String key, Object item) {
        if (into instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(key, item);
        } else {
            ((List<Object>) into).add(item);
        }
    }

    /** An array's items as strings; empty when the key is absent. */
    static List<String> strings(Map<String, Object> dict, String key) {
        Object v = dict.get(key);
        return v == null ? List.of() : ((List<?>) v).stream().map(String::valueOf).toList();
    }
}
