package org.leakguard.agent.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.leakguard.agent.change.Change;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.OnFailure;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.policy.Spec;
import org.leakguard.agent.policy.Verify;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.report.ProbeReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import org.leakguard.agent.spi.Platform;

/** policy → plan → journaled apply → verify → commit or roll back. One instance per run. */
public final class Engine {
    private final Platform platform;
    private final Host host;
    private final StateDir state;
    private final Planner planner;
    private final Applier applier;
    private final Verifier verifier;
    private final Reports reports;
    private final Clock clock;
    private final Scope scope;

    public Engine(Platform platform, Host host, StateDir state, Verifier verifier, Clock clock) {
        this.platform = platform;
        this.host = host;
        this.state = state;
        this.planner = new Planner(platform.controls());
        this.applier = new Applier(host, state, clock);
        this.verifier = verifier;
        this.reports = new Reports(host, clock.millis(), clock);
        this.clock = clock;
        this.scope = new Scope(platform, host);
    }

    /**
     * Rolls back transactions a killed run left unfinished, and pending ones past their deadline,
     * newest first; names damaged journals, which it leaves alone; returns what it did, for the
     * report. Only their journals are read in full.
     */
    public List<String> recover() throws IOException {
        List<String> said = new ArrayList<>();
        List<JournalIndex.Entry> newestFirst = new ArrayList<>(state.summaries());
        java.util.Collections.reverse(newestFirst);
        for (JournalIndex.Entry e : newestFirst) {
            if (e.expired(clock.instant())) {
                said.add(rollBackExpired(state.read(e.id())));
            } else if (e.state() == Transaction.State.UNFINISHED) {
                said.add(rollBackUnfinished(state.read(e.id())));
            } else if (e.state() == Transaction.State.DAMAGED) {
                said.add("transaction " + e.id() + " left alone: " + state.read(e.id()).detail());
            }
        }
        return said;
    }

    private String rollBackExpired(Transaction tx) throws IOException {
        Applier.Undone undone = applier.rollback(tx, "not confirmed before its deadline " + tx.deadline());
        return undone.complete()
                ? "transaction " + tx.id() + " was not confirmed before " + tx.deadline() + " and has been rolled back"
                : "transaction " + tx.id() + " expired and could not be fully rolled back: " + String.join("; ", undone.left());
    }

    private String rollBackUnfinished(Transaction tx) throws IOException {
        Applier.Undone undone = applier.rollback(tx, "recovered: the run that started it stopped before finishing");
        return undone.complete()
                ? "transaction " + tx.id() + " was left unfinished by a stopped run and has been rolled back"
                : "transaction " + tx.id() + " was left unfinished and could not be fully rolled back: "
                        + String.join("; ", undone.left());
    }

    public Report plan(LoadedPolicy policy, String command, List<String> messages) {
        Optional<Report> skipped = outOfScope(policy, command, messages);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        List<Outcome> outcomes = planner.evaluate(policy.policy().spec(), host);
        Result result = Reports.allCompliant(outcomes) ? Result.COMPLIANT : Result.NON_COMPLIANT;
        return reports.build(result, command, policy, null, Reports.previewed(outcomes, host), List.of(), messages);
    }

    public Report check(LoadedPolicy policy, List<String> messages) {
        Optional<Report> skipped = outOfScope(policy, "check", messages);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Spec spec = policy.policy().spec();
        List<Outcome> outcomes = planner.evaluate(spec, host);
        List<ProbeReport> probes = probes(spec, recordedResolvers());
        boolean ok = Reports.allCompliant(outcomes) && Reports.passed(probes);
        return reports.build(ok ? Result.COMPLIANT : Result.NON_COMPLIANT, "check", policy, null,
                Reports.rows(outcomes, false), probes, messages);
    }

    public Report apply(LoadedPolicy policy, List<String> messages) throws IOException {
        return apply(policy, messages, null);
    }

    /**
     * Applies and verifies; with {@code confirmWithin}, a verified transaction stays pending and is
     * rolled back at the deadline unless {@link #confirm} runs first.
     */
    public Report apply(LoadedPolicy policy, List<String> messages, java.time.Duration confirmWithin) throws IOException {
        Optional<Report> skipped = outOfScope(policy, "apply", messages);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        refuseWhilePending();
        Spec spec = policy.policy().spec();
        List<Outcome> before = planner.evaluate(spec, host);
        List<Change> changes = Planner.changes(before);
        if (changes.isEmpty()) {
            List<ProbeReport> probes = probes(spec, recordedResolvers());
            boolean ok = Reports.allCompliant(before) && Reports.passed(probes);
            List<String> said = new ArrayList<>(messages);
            said.add("nothing to change: the host already matches the policy");
            return reports.build(ok ? Result.COMPLIANT : Result.NON_COMPLIANT, "apply", policy, null,
                    Reports.rows(before, false), probes, said);
        }
        Optional<String> barred = platform.cannotChange(host).or(() -> platform.cannotApply(spec, host));
        if (barred.isPresent()) {
            List<String> said = new ArrayList<>(messages);
            said.add(barred.get() + "; nothing was changed");
            return reports.build(Result.ERROR, "apply", policy, null, Reports.rows(before, false), List.of(), said);
        }
        List<InetAddress> previous = inUse();
        Applier.Applied applied = applier.apply(policy, changes, previous.stream().map(InetAddress::getHostAddress).toList());
        if (!applied.ok()) {
            return rollBack(policy, applied.txid(), before, List.of(), messages, applied.error());
        }
        return verify(policy, applied.txid(), before, previous, messages, confirmWithin);
    }

    /**
     * For a host the policy's appliesTo or rollout leaves out: every control the policy governs is
     * not-applicable, with the rule that left the host out, and nothing is observed or changed.
     * A labels file that cannot be read is an error, not a reason to skip: it would hide a typo.
     */
    private Optional<Report> outOfScope(LoadedPolicy policy, String command, List<String> messages) {
        Optional<String> why;
        try {
            why = scope.exclusion(policy.policy());
        } catch (PolicyException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host's labels: " + e.getMessage(), e);
        }
        if (why.isEmpty()) {
            return Optional.empty();
        }
        String said = "out of scope: " + why.get() + "; nothing was read or changed";
        List<String> all = new ArrayList<>(messages);
        all.add(said);
        return Optional.of(reports.build(Result.NOT_APPLICABLE, command, policy, null,
                Reports.notApplicable(planner.governed(policy.policy().spec()), said), List.of(), all));
    }

    private void refuseWhilePending() throws IOException {
        for (Transaction tx : state.list()) {
            if (tx.state() == Transaction.State.PENDING) {
                throw new IllegalArgumentException("transaction " + tx.id() + " awaits confirmation until " + tx.deadline()
                        + "; run `agent confirm` or `agent rollback --last` first");
            }
        }
    }

    /** Confirms a pending transaction (the named one, or the only one), so its deadline no longer rolls it back. */
    public Report confirm(Optional<String> txid, List<String> recovered) throws IOException {
        List<Transaction> pending = state.list().stream().filter(t -> t.state() == Transaction.State.PENDING)
                .filter(t -> txid.isEmpty() || t.id().equals(txid.get())).toList();
        if (pending.isEmpty()) {
            List<String> said = new ArrayList<>(recovered);
            String which = txid.map(id -> "transaction " + id + " is not pending").orElse("no transaction awaits confirmation");
            throw new IllegalArgumentException(which + (said.isEmpty() ? "" : " (" + String.join("; ", said) + ")"));
        }
        Transaction tx = pending.get(pending.size() - 1);
        applier.commit(tx.id());
        List<String> said = new ArrayList<>(recovered);
        said.add("transaction " + tx.id() + " confirmed: it stays applied");
        return reports.bare(Result.COMPLIANT, 0, "confirm", tx.id(), said);
    }

    private Report verify(LoadedPolicy policy, String txid, List<Outcome> before, List<InetAddress> previous,
            List<String> messages, java.time.Duration confirmWithin) throws IOException {
        Spec spec = policy.policy().spec();
        List<Outcome> after = planner.evaluate(spec, host);
        List<String> problems = Reports.stillDiffering(after);
        List<ProbeReport> probes = probes(spec, previous);
        problems.addAll(Reports.failedProbes(probes));
        if (problems.isEmpty()) {
            List<String> said = new ArrayList<>(messages);
            if (confirmWithin != null) {
                java.time.Instant deadline = clock.instant().plus(confirmWithin);
                applier.pending(txid, deadline);
                said.add("pending until " + deadline + ": run `agent confirm " + txid + "` before then, or it is rolled back");
            } else {
                applier.commit(txid);
            }
            // A probe that could not tell (canary down) keeps the change but is not proof: non-compliant.
            List<String> unknown = new ArrayList<>(Reports.unknownProbes(probes));
            if (spec.verify() == null) {
                // Re-reading the state proves the files, not the traffic: without a verify section nothing was probed.
                unknown.add("applied but not proven: the policy has no verify section, so no probe ran; add `verify: {}`"
                        + " to probe with the defaults, or `verify: {probes: false}` to accept the re-read state as proof");
            }
            said.addAll(unknown);
            boolean proven = Reports.allCompliant(after) && unknown.isEmpty();
            return reports.build(proven ? Result.REMEDIATED : Result.NON_COMPLIANT, "apply", policy, txid,
                    Reports.applied(before, after), probes, said);
        }
        Verify verify = spec.verify() == null ? Verify.defaults() : spec.verify();
        String why = "verification failed: " + String.join("; ", problems);
        if (verify.onFailure() == OnFailure.KEEP) {
            applier.commit(txid);
            List<String> said = new ArrayList<>(messages);
            said.add(why + " (kept: verify.onFailure is keep)");
            return reports.build(Result.NON_COMPLIANT, "apply", policy, txid, Reports.applied(before, after), probes, said);
        }
        return rollBack(policy, txid, before, probes, messages, why);
    }

    private Report rollBack(LoadedPolicy policy, String txid, List<Outcome> before, List<ProbeReport> probes,
            List<String> messages, String why) throws IOException {
        Transaction tx = state.find(txid).orElseThrow(() -> new IOException("journal of " + txid + " is missing"));
        Applier.Undone undone = applier.rollback(tx, why);
        List<String> said = new ArrayList<>(messages);
        said.add(why);
        if (!undone.complete()) {
            said.add("rollback incomplete, a person must restore: " + String.join("; ", undone.left()));
        } else {
            said.add("every change was rolled back; the host is as it was before this apply");
        }
        Result result = undone.complete() ? Result.ROLLED_BACK : Result.ROLLBACK_FAILED;
        return reports.build(result, "apply", policy, txid, Reports.rows(before, false), probes, said);
    }

    /** Rolls back the named transaction, or with none the latest application of a policy (see {@link Unwind}). */
    public Report rollback(Optional<String> txid, List<String> recovered) throws IOException {
        return new Rollbacks(state, applier, reports).rollback(txid, recovered);
    }

    /** Rolls back every applied transaction and the folders they created: the host as before leakguard. */
    public Report rollbackAll(List<String> recovered) throws IOException {
        return new Rollbacks(state, applier, reports).rollbackAll(recovered);
    }

    /** What {@code rollback --last} would undo now, newest first: for {@code status}. */
    public static List<String> lastRollback(List<Transaction> all) {
        return Unwind.last(all).stream().map(Transaction::id).toList();
    }

    private List<InetAddress> inUse() {
        try {
            return platform.resolversInUse(host);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The resolvers recorded before the latest applied transaction: check keeps proving them closed. */
    private List<InetAddress> recordedResolvers() {
        try {
            List<String> recorded = List.of();
            for (JournalIndex.Entry e : state.summaries()) {
                if (e.applied() && e.resolvers() != null) {
                    recorded = e.resolvers();
                }
            }
            List<InetAddress> out = new ArrayList<>();
            for (String a : recorded) {
                out.add(org.xbill.DNS.Address.getByAddress(a));
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    private List<ProbeReport> probes(Spec spec, List<InetAddress> previous) {
        if (host.offline() || spec.verify() == null || !spec.verify().probes()) {
            return List.of();
        }
        return verifier.run(spec, previous);
    }
}
