package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.ChangeJournal;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.Transaction;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.schedule.Schedule;
import org.leakguard.agent.schedule.Scheduler;
import org.leakguard.agent.schedule.Schedulers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code agent schedule install FILE --every D}: validates the policy, copies it to a fixed place
 * and installs the native scheduler entry, all through a journal so a failed step is undone and
 * {@code schedule remove} undoes exactly what was written.
 */
final class ScheduleInstallCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec every = Args.option("--every", String.class, "DURATION",
            "How often to run (e.g. 1h; from 1m to 31 days).").required(true).build();
    private final OptionSpec jitter = Args.option("--jitter", String.class, "DURATION",
            "Start each run up to this much later, at random (default: 0s).").defaultValue("0s").build();
    private final OptionSpec remediate = Args.flag("Repair a drift (apply, verify, roll back on failure) instead of only reporting it.",
            "--remediate").build();
    private final Keep keep = new Keep();

    ScheduleInstallCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "install", "Validate FILE, copy it to a fixed place and install the scheduled run.")
                .addPositional(file).addOption(every).addOption(jitter).addOption(remediate).addOption(keep.reports)
                .addOption(keep.journals);
    }

    /** What install leaves on record, for status; also its JSON output. */
    record Installed(String scheduler, String transaction, String installedAt, String policy, String policyName, String sha256,
            String every, String jitter, boolean remediate, int keepReports, int keepJournals, List<String> command) {}

    @Override
    public Integer call() throws Exception {
        Duration period = DurationArg.parse("--every", every.getValue());
        Duration delay = DurationArg.parse("--jitter", jitter.getValue());
        Schedule.checkTimes(period, delay);
        keep.check();
        Path source = file.getValue();
        LoadedPolicy policy = PolicyArg.load(source);
        byte[] bytes = Files.readAllBytes(source);
        if (!new PolicyLoader().parse(source.toString(), bytes).sha256().equals(policy.sha256())) {
            throw new IllegalArgumentException(source + " changed while it was read; run install again");
        }
        if (agent.root() != null) {
            throw new IllegalArgumentException("schedule install changes a live host's scheduler; it does not take --root");
        }
        Context ctx = agent.context;
        Host host = ScheduleCommand.liveHost(agent);
        Scheduler scheduler = Schedulers.forHost(host, ctx.clock()).orElseThrow(() -> new UnsupportedHostException(
                "no scheduler is known for " + ctx.host().osName() + "; nothing was changed"));
        Optional<String> why = scheduler.unavailabilityCause(host);
        if (why.isPresent()) {
            throw new UnsupportedHostException("cannot install the schedule: " + why.get() + "; nothing was changed");
        }
        if (ctx.launcher() == null) {
            throw new UnsupportedHostException("cannot tell where bin/agent is (leakguard.launcher is not set): start the"
                    + " agent through its launcher; nothing was changed");
        }
        Path stateDir = Session.stateDir(agent).toAbsolutePath().normalize();
        Schedule schedule = new Schedule(ctx.launcher(), stateDir.toString(), scheduler.policyCopy(), period, delay,
                Args.given(remediate), keep.reports(), keep.journals(),
                agent.prometheus() == null ? null : agent.prometheus().toAbsolutePath().normalize().toString());
        new StateDir(stateDir, Json.MAPPER).prepare();
        RunLock lock = RunLock.acquire(stateDir, Duration.ofSeconds(agent.waitSeconds()));
        try {
            return install(host, scheduler, schedule, policy, bytes);
        } finally {
            lock.close();
        }
    }

    private int install(Host host, Scheduler scheduler, Schedule schedule, LoadedPolicy policy, byte[] bytes) throws Exception {
        ChangeJournal journal = new ChangeJournal(host, ScheduleCommand.journal(agent), agent.context.clock());
        List<String> said = new ArrayList<>(journal.recover());
        Optional<Transaction> previous = journal.latestCommitted();
        if (previous.isPresent()) {
            List<String> left = journal.undo(previous.get(), "replaced by a new schedule install");
            if (!left.isEmpty()) {
                return fail(5, "the schedule installed by " + previous.get().id() + " could not be fully removed: "
                        + String.join("; ", left) + "; a person must restore these, then install again");
            }
            said.add("removed the schedule installed by " + previous.get().id());
        }
        ChangeJournal.Result r = journal.apply(policy, scheduler.install(schedule, bytes));
        if (r.error() != null) {
            String undone = r.left().isEmpty() ? "every step was undone" : "could not undo: " + String.join("; ", r.left());
            return fail(r.left().isEmpty() ? 1 : 5, "install failed: " + r.error() + "; " + undone);
        }
        Installed done = new Installed(scheduler.name(), r.txid(), agent.context.clock().instant().toString(),
                schedule.policy(), policy.policy().name(), policy.sha256(), every.getValue(), jitter.getValue(),
                schedule.remediate(), schedule.keepReports(), schedule.keepJournals(), schedule.argv());
        Files.writeString(ScheduleCommand.installed(agent), Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(done));
        print(done, said);
        return 0;
    }

    private int fail(int code, String message) {
        agent.err().println("error: " + message);
        return code;
    }

    private void print(Installed done, List<String> said) throws Exception {
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(done));
        } else {
            said.forEach(out::println);
            out.println("installed " + done.scheduler() + " (transaction " + done.transaction() + "): "
                    + (done.remediate() ? "check and repair " : "check ") + done.policy() + " (" + done.policyName()
                    + ") every " + done.every() + (done.jitter().equals("0s") ? "" : " + up to " + done.jitter() + " at random"));
            out.println("runs: " + String.join(" ", done.command()));
            out.println("reports: " + Session.stateDir(agent).resolve("reports") + " (the last " + done.keepReports() + ")");
        }
        out.flush();
    }
}
