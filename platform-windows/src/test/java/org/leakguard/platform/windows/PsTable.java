package org.leakguard.platform.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads PowerShell's default table view (Format-Table) from a capture, to build a fake's state
 * from what a real host printed. Columns are where the dashes under the header are; a header may
 * wrap onto two lines ("Interface" over "Index"); the last column runs to the end of the line.
 */
final class PsTable {
    private PsTable() {}

    static List<Map<String, String>> parse(String text) {
        List<String> lines = text.lines().toList();
        int rule = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && lines.get(i).strip().matches("-+( +-+)*")) {
                rule = i;
                break;
            }
        }
        if (rule < 1) {
            throw new IllegalArgumentException("no table header with a dashed rule under it");
        }
        List<int[]> columns = new ArrayList<>();
        String dashes = lines.get(rule);
        for (int i = 0; i < dashes.length(); ) {
            if (dashes.charAt(i) == '-') {
                int j = i;
                while (j < dashes.length() && dashes.charAt(j) == '-') {
                    j++;
                }
                columns.add(new int[] {i, j});
                i = j;
            } else {
                i++;
            }
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            StringBuilder name = new StringBuilder();
            for (int h = 0; h < rule; h++) {
                String part = cell(lines.get(h), columns, c);
                if (!part.isEmpty()) {
                    name.append(name.length() == 0 ? "" : " ").append(part);
                }
            }
            names.add(name.toString());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(rule + 1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(names.get(c), cell(line, columns, c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A cell starts where its column's dashes start and ends where the next column's start. */
    private static String cell(String line, List<int[]> columns, int c) {
        int from = Math.min(columns.get(c).length == 2 ? columns.get(c)[0] : 0, line.length());
        int to = c + 1 < columns.size() ? Math.min(columns.get(c + 1)[0], line.length()) : line.length();
        return from >= to ? "" : line.substring(from, to).strip();
    }
}
