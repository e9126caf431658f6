package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.leakguard.agent.report.Report;

/** Writes a report to stdout (text or JSON) and, with --report, as JSON to a file. */
final class Output {
    private Output() {}

    static int emit(AgentCommand agent, picocli.CommandLine.Model.CommandSpec spec, Report report) {
        var out = spec.commandLine().getOut();
        try {
            if (agent.format == AgentCommand.Format.json) {
                out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                out.print(TextReport.render(report));
            }
            out.flush();
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot print the report: " + e.getMessage());
        }
        writeFile(agent.report, report, spec);
        return report.exitCode();
    }

    /** A report file that cannot be written does not change the run's result; it is said on stderr. */
    static void writeFile(Path file, Report report, picocli.CommandLine.Model.CommandSpec spec) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        } catch (IOException e) {
            spec.commandLine().getErr().println("warning: cannot write the report to " + file + ": " + e.getMessage()
                    + " (the result above stands)");
        }
    }
}
