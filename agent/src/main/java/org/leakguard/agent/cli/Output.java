package org.leakguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leakguard.agent.report.Report;

/** Writes a report to stdout (text or JSON) and, with --report, as JSON to a file. */
final class Output {
    private Output() {}

    static int emit(AgentCommand agent, Report report) {
        PrintWriter out = agent.out();
        try {
            if (agent.format() == AgentCommand.Format.json) {
                out.println(ReportJson.pretty(report));
            } else {
                out.print(TextReport.render(report));
            }
            out.flush();
        } catch (IOException e) {
            agent.err().println("error: cannot print the report: " + e.getMessage());
        }
        writeFile(agent, report);
        return report.exitCode();
    }

    /** A report file that cannot be written does not change the run's result; it is said on stderr. */
    static void writeFile(AgentCommand agent, Report report) {
        Path file = agent.report();
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, ReportJson.pretty(report));
        } catch (IOException e) {
            agent.err().println("warning: cannot write the report to " + file + ": " + e.getMessage()
                    + " (the result above stands)");
        }
    }
}
