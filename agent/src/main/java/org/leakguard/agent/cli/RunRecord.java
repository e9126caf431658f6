package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.ReportJson;
import org.leakguard.agent.report.Result;

/**
 * What the state folder keeps of runs that held the lock: {@code reports/last.json}, the latest
 * run's JSON report (so a report target that could not be written does not lose it), and
 * {@code reports/remediations}, per policy how many runs remediated the host (the Prometheus
 * counter, which must survive runs): one {@code <policy> <count>} line each.
 */
final class RunRecord {
    static final String FOLDER = "reports";
    static final String LAST = "last.json";
    static final String REMEDIATIONS = "remediations";

    private RunRecord() {}

    static void keep(Path stateDir, Report report) throws IOException {
        Path folder = stateDir.resolve(FOLDER);
        AtomicFile.write(folder.resolve(LAST), ReportJson.pretty(report).getBytes(StandardCharsets.UTF_8), true);
        if (report.result() == Result.REMEDIATED && report.policy() != null) {
            Map<String, Long> counts = counts(folder.resolve(REMEDIATIONS));
            counts.merge(report.policy().name(), 1L, Long::sum);
            StringBuilder text = new StringBuilder();
            counts.forEach((policy, n) -> text.append(policy).append(' ').append(n).append('\n'));
            AtomicFile.write(folder.resolve(REMEDIATIONS), text.toString().getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /** How many runs remediated the host with this policy; 0 when none did or the count cannot be read. */
    static long remediations(Path stateDir, String policy) {
        try {
            return counts(stateDir.resolve(FOLDER).resolve(REMEDIATIONS)).getOrDefault(policy, 0L);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The counts file, in its order; lines that do not parse are dropped (a counter may reset, never lie). */
    static Map<String, Long> counts(Path file) throws IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return counts;
        }
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            try {
                counts.put(line.substring(0, space), Long.parseLong(line.substring(space + 1).strip()));
            } catch (NumberFormatException e) {
                // a damaged line: that policy's count starts again
            }
        }
        return counts;
    }
}
