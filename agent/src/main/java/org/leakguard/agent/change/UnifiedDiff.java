package org.leakguard.agent.change;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff (as {@code diff -u}) of two texts, with three lines of context. The longest
 * common subsequence is found by dynamic programming: the files a plan shows are a few hundred
 * lines at most.
 */
final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** One line of the edit script: ' ' kept, '-' removed, '+' added, with its line numbers (1-based). */
    private record Edit(char op, String line, int oldLine, int newLine) {}

    /** {@code before} null is a new file, {@code after} null a removed one; equal texts give "". */
    static String of(String target, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.op() == ' ')) {
            return "";
        }
        StringBuilder s = new StringBuilder();
        boolean path = target.startsWith("/");
        s.append("--- ").append(before == null ? "/dev/null" : path ? "a" + target : target + " (now)").append('\n');
        s.append("+++ ").append(after == null ? "/dev/null" : path ? "b" + target : target + " (after apply)").append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            hunk(s, edits.subList(start, end));
            i = end;
        }
        return s.toString();
    }

    private static void hunk(StringBuilder s, List<Edit> hunk) {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.op() != '+') {
                oldStart = oldCount++ == 0 ? e.oldLine() : oldStart;
            }
            if (e.op() != '-') {
                newStart = newCount++ == 0 ? e.newLine() : newStart;
            }
        }
        if (oldCount == 0) {
            oldStart = hunk.get(0).oldLine() - 1;
        }
        if (newCount == 0) {
            newStart = hunk.get(0).newLine() - 1;
        }
        s.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Edit e : hunk) {
            s.append(e.op()).append(e.line()).append('\n');
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Edit> edits(List<String> a, List<String> b) {
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Edit> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                out.add(new Edit(' ', a.get(i), ++i, ++j));
            } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
                out.add(new Edit('-', a.get(i), ++i, j + 1));
            } else {
                out.add(new Edit('+', b.get(j), i + 1, ++j));
            }
        }
        return out;
    }

    private static List<String> lines(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
