package org.leakguard.agent.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.ReportJson;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.report.TextReport;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Platform;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code agent diagnose}: which platform serves the host, what it sees, and given a policy what
 * each control would change. Its result is a report like every run's: the policy's evaluation,
 * or without one, non-compliant when the diagnosis found an error (a leak path), so the exit code
 * printed is the one returned, and --report, --prometheus and --junit are written as for check.
 */
final class DiagnoseCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.positional("FILE", Path.class, "0..1",
            "A policy whose controls to evaluate (read-only).");

    DiagnoseCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "diagnose", "Explain this host: which platform serves it (and why others decline) and, "
                + "given a policy, what each control sees. Exit 3 when it finds a leak path or a change pending.")
                .addPositional(file);
    }

    /** A platform and why it does not serve this host (null when it does). */
    record PlatformRow(String id, boolean serves, String cause) {}

    @Override
    public Integer call() throws Exception {
        long started = agent.context.clock().millis();
        var info = agent.context.host();
        List<PlatformRow> platforms = new ArrayList<>();
        for (Platform p : agent.context.platforms()) {
            var cause = p.unavailabilityCause(info);
            platforms.add(new PlatformRow(p.id(), cause.isEmpty(), cause.orElse(null)));
        }
        Report evaluation = null;
        List<Diagnosis> findings = List.of();
        if (platforms.stream().anyMatch(PlatformRow::serves)) {
            try (Session session = Session.readOnly(agent)) {
                findings = session.platform.diagnose(session.host);
                Path policy = file.getValue();
                if (policy != null) {
                    evaluation = session.engine.plan(PolicyArg.load(policy), "diagnose", List.of());
                }
            }
        }
        Report report = evaluation != null ? evaluation : verdict(findings, platforms, agent.context.clock().millis() - started);
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            ObjectNode json = (ObjectNode) Json.MAPPER.readTree(ReportJson.pretty(report));
            json.set("platforms", Json.MAPPER.valueToTree(platforms));
            json.set("findings", Json.MAPPER.valueToTree(findings));
            // Kept from before diagnose's JSON became a report, for scripts that read them.
            json.put("os", info.osName());
            json.put("osVersion", info.osVersion());
            if (evaluation != null) {
                json.set("evaluation", Json.MAPPER.readTree(ReportJson.pretty(evaluation)));
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } else {
            print(out, info.name(), info.osName() + " " + info.osVersion(), platforms, findings);
            out.println();
            out.print(TextReport.render(report));
        }
        out.flush();
        Output.writeFile(agent, report);
        return report.exitCode();
    }

    /** Without a policy: not-applicable when no platform serves the host, non-compliant when a topic is an error. */
    private Report verdict(List<Diagnosis> findings, List<PlatformRow> platforms, long ms) {
        Result result = platforms.stream().noneMatch(PlatformRow::serves) ? Result.NOT_APPLICABLE
                : findings.stream().anyMatch(d -> d.severity() == Finding.Severity.ERROR) ? Result.NON_COMPLIANT
                : Result.COMPLIANT;
        List<String> flagged = findings.stream().filter(d -> d.severity() != Finding.Severity.INFO)
                .map(d -> d.topic() + ": " + d.summary()).toList();
        var info = agent.context.host();
        return new Report(result, result.exitCode(), "diagnose", null, new Report.HostRef(info.name(), info.osName()), null, ms,
                List.of(), List.of(), flagged);
    }

    private static void print(PrintWriter out, String host, String os, List<PlatformRow> platforms, List<Diagnosis> findings) {
        out.println("host " + host + ": " + os);
        for (PlatformRow p : platforms) {
            out.println("platform " + p.id() + ": " + (p.serves() ? "serves this host" : "declines: " + p.cause()));
        }
        for (Diagnosis d : findings) {
            out.println();
            out.println(d.topic() + ": " + (d.severity() == Finding.Severity.INFO ? "" : d.severity().label().toUpperCase(java.util.Locale.ROOT) + " ")
                    + d.summary());
            d.evidence().forEach(e -> out.println("    " + e));
        }
    }
}
