package org.leakguard.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import javax.xml.stream.XMLStreamException;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.report.EventLog;
import org.leakguard.agent.report.JunitReport;
import org.leakguard.agent.report.PrometheusReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.RunEvent;
import org.leakguard.agent.report.SyslogEventLog;
import org.leakguard.agent.spi.Platform;

/**
 * The report targets besides stdout and {@code --report}: {@code --prometheus}, {@code --junit}
 * and {@code --syslog}. Each is written on its own; one that fails is named on stderr and the
 * others, the state folder and the exit code are as they would have been. Nothing here runs, nor
 * is any class of it loaded, unless its option was given.
 */
final class ReportTargets {
    private ReportTargets() {}

    static void write(AgentCommand agent, Report report, Session session) {
        Instant now = agent.context.clock().instant();
        PrintWriter err = agent.err();
        Path prometheus = agent.prometheus();
        if (prometheus != null) {
            try {
                long remediations = report.policy() == null ? 0
                        : RunRecord.remediations(Session.stateDir(agent), report.policy().name());
                // node_exporter's textfile folder must exist already: a mistyped path fails here, not silently.
                AtomicFile.write(prometheus, PrometheusReport.render(report, remediations, now).getBytes(StandardCharsets.UTF_8),
                        false);
            } catch (IOException | RuntimeException e) {
                warn(err, "the Prometheus metrics to " + prometheus, e);
            }
        }
        Path junit = agent.junit();
        if (junit != null) {
            try {
                AtomicFile.write(junit, JunitReport.render(report, now).getBytes(StandardCharsets.UTF_8), true);
            } catch (IOException | XMLStreamException | RuntimeException e) {
                warn(err, "the JUnit report to " + junit, e);
            }
        }
        if (agent.syslog()) {
            Optional<String> failed = eventLog(agent, session).write(RunEvent.of(report));
            failed.ifPresent(why -> err.println("warning: cannot write the run to the system log: " + why
                    + " (the result above stands)"));
        }
        err.flush();
    }

    static void warn(PrintWriter err, String target, Exception e) {
        err.println("warning: cannot write " + target + ": " + describe(e) + " (the result above stands)");
    }

    /** NIO names only the path for its commonest failures; say what went wrong with it. */
    static String describe(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder: " + m;
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + m;
        }
        if (e instanceof java.nio.file.FileSystemException) {
            String reason = ((java.nio.file.FileSystemException) e).getReason();
            return reason == null ? m : reason + ": " + ((java.nio.file.FileSystemException) e).getFile();
        }
        return m == null || m.isBlank() ? org.leakguard.agent.host.ErrorText.of(e) : m;
    }

    /** The serving platform's log; where the run failed before it had one, the platform found now, else syslog. */
    private static EventLog eventLog(AgentCommand agent, Session session) {
        if (session != null) {
            return session.platform.eventLog(session.host);
        }
        Context ctx = agent.context;
        try {
            Platform platform = Platforms.select(ctx.platforms(), ctx.host());
            return platform.eventLog(new Host(ctx.host(), new LocalFiles(Path.of("/")), ctx.commands(), false, ctx.clock()));
        } catch (Exception e) {
            return new SyslogEventLog(ctx.commands());
        }
    }
}
