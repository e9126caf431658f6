package org.leakguard.agent.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, as the format's documentation
 * ("Exposition formats", text format details) defines it: lines end in a line feed, the last one
 * too; {@code # HELP name text} with {@code \\} and {@code \n} escaped; {@code # TYPE name type}
 * at most once per name and before its first sample; a family's samples together; label values
 * with {@code \\}, {@code \"} and {@code \n} escaped; a Go float value; no two samples with the
 * same name and labels. The textfile collector also refuses timestamps, so this does too.
 * Throws IllegalArgumentException naming the line that breaks a rule.
 */
public final class PrometheusText {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern VALUE = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?Inf|NaN");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample: its name, labels in file order (unescaped), and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new HashMap<>();
    final Map<String, String> help = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    public static PrometheusText parse(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line must end with a line feed");
        }
        PrometheusText out = new PrometheusText();
        Set<String> finished = new HashSet<>();
        Set<String> seen = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + ": " + line;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] t = line.substring(1).strip().split(" ", 3);
                if (t[0].equals("HELP") || t[0].equals("TYPE")) {
                    require(t.length >= 3 || t[0].equals("HELP") && t.length == 2, where, "HELP or TYPE without a name");
                    require(NAME.matcher(t[1]).matches(), where, "bad metric name");
                    require(!out.samples.stream().anyMatch(s -> s.name().equals(t[1])), where, t[0] + " after the samples");
                    Map<String, String> into = t[0].equals("HELP") ? out.help : out.types;
                    require(!into.containsKey(t[1]), where, "a second " + t[0]);
                    if (t[0].equals("TYPE")) {
                        require(TYPES.contains(t[2]), where, "unknown type");
                    } else {
                        require(!(t.length > 2 ? t[2] : "").replace("\\\\", "").replace("\\n", "").contains("\\"), where,
                                "HELP text may escape only \\\\ and \\n");
                    }
                    into.put(t[1], t.length > 2 ? t[2] : "");
                }
                continue;
            }
            Sample s = sample(line, where);
            if (!s.name().equals(current)) {
                require(!finished.contains(s.name()), where, "the family's samples are not together");
                if (current != null) {
                    finished.add(current);
                }
                current = s.name();
            }
            require(seen.add(s.name() + new java.util.TreeMap<>(s.labels())), where, "a duplicate sample");
            out.samples.add(s);
        }
        return out;
    }

    private static Sample sample(String line, String where) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        require(NAME.matcher(name).matches(), where, "bad metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                require(eq > i, where, "a label without =");
                String label = line.substring(i, eq);
                require(LABEL_NAME.matcher(label).matches(), where, "bad label name " + label);
                require(line.charAt(eq + 1) == '"', where, "an unquoted label value");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        require(next == '\\' || next == '"' || next == 'n', where, "a bad escape \\" + next);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                require(labels.put(label, value.toString()) == null, where, "label " + label + " twice");
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split("[ \\t]+");
        require(rest.length == 1, where, "a timestamp or extra token (the textfile collector refuses timestamps)");
        Matcher v = VALUE.matcher(rest[0]);
        require(v.matches(), where, "a value that is not a float");
        double value = rest[0].endsWith("Inf") ? (rest[0].startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                : Double.parseDouble(rest[0]);
        return new Sample(name, labels, value);
    }

    private static void require(boolean ok, String where, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(where + " (" + rule + ")");
        }
    }

    /** The value of the one sample with this name whose labels include {@code labels}. */
    public double value(String name, Map<String, String> labels) {
        List<Sample> hits = samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
        if (hits.size() != 1) {
            throw new IllegalArgumentException(hits.size() + " samples of " + name + labels);
        }
        return hits.get(0).value();
    }
}
