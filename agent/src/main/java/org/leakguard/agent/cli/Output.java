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
        return emit(agent, report, session, false);
    }

    /** As above; {@code diffs} shows each change's preview in text (JSON always carries it). */
    static int emit(AgentCommand agent, Report report, Session session, boolean diffs) {
        PrintWriter out = agent.out();
        try {
            if (agent.format() == AgentCommand.Format.json) {
                out.println(ReportJson.pretty(report));
            } else {
                out.print(TextReport.render(report, diffs));
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

    /**
     * For verbs that end with no run result (status, schedule status and remove, watch, canary
     * serve): --report, --prometheus and --junit are refused with why, never silently ignored.
     *
     * @return true when refused (the caller exits 2)
     */
    static boolean refusesTargets(AgentCommand agent, String verb, String why) {
        if (agent.report() == null && agent.prometheus() == null && agent.junit() == null) {
            return false;
        }
        agent.err().println("usage error: " + verb + " " + why + ", so it writes no --report, --prometheus or --junit;"
                + " `agent check FILE` writes them for the host's compliance");
        agent.err().flush();
        return true;
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
