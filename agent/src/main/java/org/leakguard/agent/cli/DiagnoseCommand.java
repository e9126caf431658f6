package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.TextReport;
import org.leakguard.agent.spi.Diagnosis;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Platform;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class DiagnoseCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.positional("FILE", Path.class, "0..1",
            "A policy whose controls to evaluate (read-only).");

    DiagnoseCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "diagnose", "Explain this host: which platform serves it (and why others decline) and, "
                + "given a policy, what each control sees.").addPositional(file);
    }

    /** A platform and why it does not serve this host (null when it does). */
    record PlatformRow(String id, boolean serves, String cause) {}

    record View(String host, String os, String osVersion, List<PlatformRow> platforms, List<Diagnosis> findings,
            Report evaluation) {}

    @Override
    public Integer call() throws Exception {
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
        View view = new View(info.name(), info.osName(), info.osVersion(), platforms, findings, evaluation);
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(view));
        } else {
            print(out, view);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, View view) {
        out.println("host " + view.host() + ": " + view.os() + " " + view.osVersion());
        for (PlatformRow p : view.platforms()) {
            out.println("platform " + p.id() + ": " + (p.serves() ? "serves this host" : "declines: " + p.cause()));
        }
        for (Diagnosis d : view.findings()) {
            out.println();
            out.println(d.topic() + ": " + (d.severity() == Finding.Severity.INFO ? "" : d.severity().label().toUpperCase(java.util.Locale.ROOT) + " ")
                    + d.summary());
            d.evidence().forEach(e -> out.println("    " + e));
        }
        if (view.evaluation() != null) {
            out.println();
            out.print(TextReport.render(view.evaluation()));
        }
    }
}
