package org.leakguard.agent.policy;

import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML mistakes people make in a policy, said in the policy's terms with the fix: a key out
 * of line with its siblings, a tab, a list item out of line, a section at the top that belongs
 * under {@code spec}, a file that is no policy at all. Only what the parser left unexplained is
 * passed on in its own words. Pure.
 */
final class YamlMistakes {
    /** How much of a file that is no policy is echoed: enough to recognise it. */
    static final int ECHO = 60;

    private YamlMistakes() {}

    /** The problem text for a syntax error; the exception's marks give the lines and columns. */
    static String explain(MarkedYAMLException y) {
        String problem = y.getProblem() == null ? "" : y.getProblem();
        Mark at = y.getProblemMark();
        Mark from = y.getContextMark();
        int line = at == null ? 1 : at.getLine() + 1;
        int column = at == null ? 1 : at.getColumn() + 1;
        if (problem.contains("'\\t") || problem.contains("\\t(TAB)")) {
            return "line " + line + " is indented with a tab; YAML indents with spaces only: replace the tab with spaces"
                    + " (2 per level, as in the shipped policies)";
        }
        boolean mapping = problem.startsWith("expected <block end>") || problem.startsWith("did not find expected key");
        if (mapping && from != null && problem.contains("<block sequence start>")) {
            return listOutOfLine(line, column, from);
        }
        if (mapping && from != null) {
            return keyOutOfLine(line, column, from);
        }
        if (problem.startsWith("did not find expected '-' indicator") && from != null) {
            return listOutOfLine(line, column, from);
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return "line " + line + " has \"key: value\" where only a value fits: a key indented under a line that already"
                    + " holds a value (line it up with that line's key), or a value containing \": \" (put the value in quotes)";
        }
        if (problem.startsWith("could not find expected ':'")) {
            return "line " + line + " has a key without its colon: write \"key: value\", with a space after the colon";
        }
        if (problem.contains("end of stream") && y.getContext() != null && y.getContext().contains("quoted")) {
            return "the quote opened on line " + (from == null ? line : from.getLine() + 1) + " is never closed: close it on the same line";
        }
        return "YAML syntax error: " + problem + (y.getContext() != null ? " (" + y.getContext() + ")" : "");
    }

    private static String keyOutOfLine(int line, int column, Mark from) {
        int keys = from.getColumn() + 1;
        return "line " + line + " is indented to column " + column + ", which lines it up with no key around it: the section"
                + " it is in (from line " + (from.getLine() + 1) + ") has its keys at column " + keys + "; indent it with "
                + (keys - 1) + " spaces to make it one of them, or with exactly as many spaces as the other keys of the"
                + " section it belongs to (keys of one section line up)";
    }

    private static String listOutOfLine(int line, int column, Mark from) {
        return "line " + line + " starts a list item at column " + column + ", which lines it up with no list around it"
                + " (the section it is in starts on line " + (from.getLine() + 1) + "): every \"- \" item of one list"
                + " starts at the same column as the first; move it to the column of the item above";
    }

    /** For an unknown key at the top: whether it is one of spec's sections, written one level too far out. */
    static String underSpec(String key, String path) {
        List<String> sections = Wording.keys(Spec.class);
        if (!path.equals(key) || !sections.contains(key)) {
            return null;
        }
        return "; it is a section of the policy's spec and belongs under spec: indent it (and what it holds) by 2 spaces,"
                + " below \"spec:\"";
    }

    /**
     * A document whose top level is not a mapping: no policy at all (a passwd file, a script).
     *
     * @param text the top-level text, echoed in brief; null when the top level is no text
     * @param found what the top level is otherwise ("a list")
     */
    static String notAPolicy(String text, String found) {
        String what = found;
        if (text != null) {
            String t = text.strip();
            what = "text beginning " + Checks.quote(t.length() > ECHO ? t.substring(0, ECHO) + "..." : t)
                    + (t.length() > ECHO ? " (" + t.length() + " characters)" : "");
        }
        return "this is not a leakguard policy: a policy is a mapping of apiVersion, kind, metadata and spec, and this file's"
                + " top level is " + what + "; a policy starts with \"apiVersion: leakguard/v1\"";
    }
}
