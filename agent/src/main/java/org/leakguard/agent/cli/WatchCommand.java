package org.leakguard.agent.cli;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.policy.LoadedPolicy;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.report.ControlReport;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.ReportJson;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.watch.RecordingFiles;
import org.leakguard.agent.watch.WatchTarget;
import org.leakguard.agent.watch.Watcher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code agent watch FILE}: repairs a drift within about a second of it, through the same plan,
 * journaled apply and verification as {@code apply}, until SIGTERM. Each repair takes the run lock
 * only while it runs, so scheduled runs and manual applies still get their turn.
 */
final class WatchCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private final PositionalParamSpec file = Args.policy();
    private final OptionSpec poll = Args.option("--poll", String.class, "DURATION",
            "Also plan this often, for what gives no file or firewall event: kernel values (default: ${DEFAULT-VALUE}).")
            .defaultValue("1s").build();
    private final OptionSpec backoffCap = Args.option("--backoff-max", String.class, "DURATION",
            "Longest wait between repairs while something keeps undoing them (default: ${DEFAULT-VALUE}).").defaultValue("5m").build();
    private final OptionSpec fightWindow = Args.option("--fight-window", String.class, "DURATION",
            "A drift back within this long of a repair means something fights the policy: repairs then back off,"
                    + " doubling from 1s up to --backoff-max (default: ${DEFAULT-VALUE}).").defaultValue("30s").build();
    private final Keep keep = new Keep();

    WatchCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        return Args.command(this, "watch", "Watch what FILE manages and repair a drift as it happens (apply path,"
                + " with back-off when something fights it). Runs until SIGTERM.")
                .addPositional(file).addOption(poll).addOption(backoffCap).addOption(fightWindow).addOption(keep.reports)
                .addOption(keep.journals);
    }

    @Override
    public Integer call() throws Exception {
        if (Output.refusesTargets(agent, "watch", "runs until stopped and keeps each repair's report in the state folder")) {
            return 2;
        }
        Duration every = DurationArg.parse("--poll", poll.getValue());
        Duration cap = DurationArg.parse("--backoff-max", backoffCap.getValue());
        Duration window = DurationArg.parse("--fight-window", fightWindow.getValue());
        if (every.compareTo(Duration.ofMillis(100)) < 0 || cap.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("--poll must be at least 100ms and --backoff-max at least 1s");
        }
        keep.check();
        LoadedPolicy policy = PolicyArg.load(agent, file.getValue());
        if (agent.root() != null) {
            throw new IllegalArgumentException("watch repairs a live host; it does not take --root");
        }
        Context ctx = agent.context;
        Platform platform = Platforms.select(ctx.platforms(), ctx.host());
        RecordingFiles files = new RecordingFiles(new LocalFiles(Path.of("/")));
        Host host = platform.attach(new Host(ctx.host(), files, ctx.commands(), false, ctx.clock()));
        StateDir state = new StateDir(Session.stateDir(agent), () -> Json.journal(List.of(platform)));
        state.prepare();
        Watcher watcher = new Watcher(new PolicyTarget(platform, host, files, state, policy, file.getValue()),
                platform.eventFeeds(host), every, Duration.ofSeconds(1), cap,
                window, ctx.clock(), agent.out());
        Thread hook = new Thread(() -> watcher.stop(Duration.ofSeconds(60)), "leakguard-watch-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        watcher.run();
        return 0;
    }

    /**
     * The policy, planned and repaired through the engine, one engine per plan as the engine
     * expects. An edited policy file is loaded again at the next plan (its folder is watched), so
     * an admin's {@code apply} of a changed policy is not undone by a watch still holding the old
     * one; an edit that does not load is logged and the last valid policy kept.
     */
    private final class PolicyTarget implements WatchTarget {
        private final Platform platform;
        private final Host host;
        private final RecordingFiles files;
        private final StateDir state;
        private final Path policyFile;
        private LoadedPolicy policy;
        private FileTime loaded;

        PolicyTarget(Platform platform, Host host, RecordingFiles files, StateDir state, LoadedPolicy policy, Path policyFile) {
            this.platform = platform;
            this.host = host;
            this.files = files;
            this.state = state;
            this.policy = policy;
            this.policyFile = policyFile.toAbsolutePath();
            this.loaded = modified();
        }

        private FileTime modified() {
            try {
                return java.nio.file.Files.getLastModifiedTime(policyFile);
            } catch (java.io.IOException e) {
                return null;
            }
        }

        private LoadedPolicy current() {
            FileTime now = modified();
            if (now == null || now.equals(loaded)) {
                return policy;
            }
            loaded = now;
            try {
                LoadedPolicy next = PolicyArg.load(policyFile);
                if (!next.sha256().equals(policy.sha256())) {
                    policy = next;
                    say("policy " + policyFile + " changed: enforcing sha256 " + next.sha256());
                }
            } catch (PolicyException e) {
                say("policy " + policyFile + " changed but does not load (" + e.getMessage() + "); still enforcing sha256 "
                        + policy.sha256());
            }
            return policy;
        }

        private void say(String line) {
            agent.out().println(agent.context.clock().instant() + " " + line);
            agent.out().flush();
        }

        private Engine engine() {
            return new Engine(platform, host, state, agent.context.verifier(), agent.context.clock());
        }

        @Override
        public Drift plan() {
            files.clear();
            Report plan = engine().plan(current(), "watch", List.of());
            List<String> changes = new ArrayList<>();
            for (ControlReport c : plan.controls()) {
                c.changes().forEach(ch -> changes.add(ch.summary()));
            }
            Set<String> read = new HashSet<>(files.read());
            read.add(policyFile.toString());
            return new Drift(changes, read, files.listed());
        }

        @Override
        public String repair() throws Exception {
            Duration wait = Duration.ofSeconds(Math.max(30, agent.waitSeconds()));
            RunLock lock = RunLock.acquire(state.path(), wait);
            try {
                Engine engine = engine();
                List<String> said = new ArrayList<>(engine.recover());
                // A captive-portal window whose time ran out: its close is journaled and the resolver put back first.
                said.addAll(PortalCommand.recordClosed(platform, host, state.path(), agent.context.clock()));
                Report report = engine.apply(current(), said);
                String kept = save(report);
                return report.result().label() + (report.transaction() == null ? "" : ", transaction " + report.transaction())
                        + (report.exitCode() == 0 ? "" : " (" + String.join("; ", report.messages()) + ")") + kept;
            } finally {
                lock.close();
            }
        }

        /** The repair's report joins the scheduled runs' reports; old ones and old journals go. */
        private String save(Report report) {
            try {
                state.saveReport(agent.context.clock().instant(), "watch", report.result().label(), ReportJson.pretty(report));
                state.pruneReports(keep.reports());
                state.pruneJournals(keep.journals());
                return "";
            } catch (java.io.IOException e) {
                return "; cannot keep the report in " + state.reports() + ": " + e.getMessage();
            }
        }
    }
}
