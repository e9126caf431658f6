package org.leakguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.ReportJson;
import org.leakguard.agent.report.TextReport;

/**
 * Writes a report to stdout (text or JSON), to the state folder (runs that hold the lock) and to
 * each target asked for: --report, --prometheus, --junit, --syslog. A target that fails is said on
 * stderr and changes nothing else.
 */
final class Output {
    private Output() {}

    static int emit(AgentCommand agent, Report report) {
        return emit(agent, report, null);
    }

    /** As {@link #emit(AgentCommand, Report)}, for a run with a session: its platform's event log, and its state folder. */
    static int emit(AgentCommand agent, Report report, Session session) {
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
        if (session != null && session.locked()) {
            try {
                RunRecord.keep(session.state.path(), report);
            } catch (IOException | RuntimeException e) {
                ReportTargets.warn(agent.err(), "the report to the state folder " + session.state.path(), e);
            }
        }
        writeFiles(agent, report, session);
        return report.exitCode();
    }

    /** A report file that cannot be written does not change the run's result; it is said on stderr. */
    static void writeFile(AgentCommand agent, Report report) {
        writeFiles(agent, report, null);
    }

    private static void writeFiles(AgentCommand agent, Report report, Session session) {
        Path file = agent.report();
        if (file != null) {
            try {
                AtomicFile.write(file, ReportJson.pretty(report).getBytes(StandardCharsets.UTF_8), true);
            } catch (IOException | RuntimeException e) {
                ReportTargets.warn(agent.err(), "the report to " + file, e);
            }
        }
        if (agent.prometheus() != null || agent.junit() != null || agent.syslog()) {
            ReportTargets.write(agent, report, session);
        }
    }
}
