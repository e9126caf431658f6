package org.leakguard.agent.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.probe.LeakProbes;
import org.leakguard.agent.report.ChangeReport;
import org.leakguard.agent.report.ControlReport;
import org.leakguard.agent.report.ProbeReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Finding;
import org.leakguard.agent.spi.Status;

/** Turns planning outcomes into report rows and reports. */
final class Reports {
    private final Host host;
    private final long started;
    private final Clock clock;

    Reports(Host host, long started, Clock clock) {
        this.host = host;
        this.started = started;
        this.clock = clock;
    }

    Report build(Result result, String command, LoadedPolicy policy, String txid, List<ControlReport> rows,
            List<ProbeReport> probes, List<String> messages) {
        List<String> said = new ArrayList<>(messages);
        if (!probes.isEmpty()) {
            said.addAll(LeakProbes.unverifiedRoutes(policy.policy().spec()));
        }
        return new Report(result, result.exitCode(), command, new Report.PolicyRef(policy.policy().name(), policy.sha256()),
                hostRef(), txid, clock.millis() - started, rows, probes, said);
    }

    Report bare(Result result, int exitCode, String command, String txid, List<String> messages) {
        return new Report(result, exitCode, command, null, hostRef(), txid, clock.millis() - started, List.of(), List.of(), messages);
    }

    private Report.HostRef hostRef() {
        return new Report.HostRef(host.info().name(), host.info().osName());
    }

    /** Report rows; {@code applied} marks controls whose changes were carried out as changed. */
    static List<ControlReport> rows(List<Outcome> outcomes, boolean applied) {
        List<ControlReport> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            Status status = applied && !o.assessment().changes().isEmpty() ? Status.CHANGED : o.assessment().status();
            rows.add(new ControlReport(o.id(), status, o.assessment().changes().stream().map(ChangeReport::of).toList(),
                    o.assessment().findings()));
        }
        return rows;
    }

    /**
     * Rows after apply: what was changed, with the findings read after it, so a row marked changed
     * says how the host is now and not what was wrong before.
     */
    static List<ControlReport> applied(List<Outcome> before, List<Outcome> after) {
        java.util.Map<String, Outcome> now = new java.util.HashMap<>();
        after.forEach(o -> now.put(o.id(), o));
        List<ControlReport> rows = new ArrayList<>();
        for (Outcome o : before) {
            Outcome seen = now.getOrDefault(o.id(), o);
            boolean changed = !o.assessment().changes().isEmpty();
            rows.add(new ControlReport(o.id(), changed ? Status.CHANGED : seen.assessment().status(),
                    o.assessment().changes().stream().map(ChangeReport::of).toList(), seen.assessment().findings()));
        }
        return rows;
    }

    /** Plan rows: each change with its preview, read from the host as it is now. */
    static List<ControlReport> previewed(List<Outcome> outcomes, Host host) {
        List<ControlReport> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<ChangeReport> changes = new ArrayList<>();
            for (Change c : o.assessment().changes()) {
                changes.add(ChangeReport.of(c, c.preview(host)));
            }
            rows.add(new ControlReport(o.id(), o.assessment().status(), changes, o.assessment().findings()));
        }
        return rows;
    }

    /** Rows for controls left alone on purpose: not-applicable, with the reason. */
    static List<ControlReport> notApplicable(List<String> ids, String why) {
        List<ControlReport> rows = new ArrayList<>();
        for (String id : ids) {
            rows.add(new ControlReport(id, Status.NOT_APPLICABLE, List.of(), List.of(Finding.info(why))));
        }
        return rows;
    }

    static boolean allCompliant(List<Outcome> outcomes) {
        return outcomes.stream().allMatch(o -> o.assessment().status() == Status.COMPLIANT
                || o.assessment().status() == Status.NOT_APPLICABLE);
    }

    static List<String> unknownProbes(List<ProbeReport> probes) {
        return probes.stream()
                .filter(p -> p.passed() == null)
                .map(p -> "probe " + p.kind() + " " + p.target() + " could not tell: " + p.observed())
                .toList();
    }

    /** Probes that could not run (passed == null) do not pass. */
    static boolean passed(List<ProbeReport> probes) {
        return probes.stream().allMatch(p -> Boolean.TRUE.equals(p.passed()));
    }

    /**
     * After apply, no control may plan anything more: the host state equals the plan. A control
     * that was non-compliant with nothing it could change stays as it was and is reported, not failed.
     */
    static List<String> stillDiffering(List<Outcome> after) {
        List<String> problems = new ArrayList<>();
        for (Outcome o : after) {
            if (!o.assessment().changes().isEmpty()) {
                problems.add(o.id() + " still differs after apply: " + o.assessment().changes().get(0).summary());
            }
        }
        return problems;
    }

    /** Probes that saw a leak. Unknown ones are not failures: they could not tell. */
    static List<String> failedProbes(List<ProbeReport> probes) {
        return probes.stream()
                .filter(p -> Boolean.FALSE.equals(p.passed()))
                .map(p -> "probe " + p.kind() + " " + p.target() + ": expected " + p.expected() + ", observed " + p.observed())
                .toList();
    }
}
