package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.portal.Portals;
import org.leakguard.agent.spi.Platform;
import org.leakguard.agent.spi.PortalWindow;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code agent portal}: the captive-portal window a policy with {@code firewall.portal} allows,
 * opened to the network's own resolvers for a bounded time and closed by the kernel at its end.
 */
final class PortalCommand implements Callable<Integer> {
    private final AgentCommand agent;
    private CommandSpec spec;

    PortalCommand(AgentCommand agent) {
        this.agent = agent;
    }

    CommandSpec spec() {
        spec = Args.command(this, "portal", "Open, close or show the captive-portal window: DNS to the network's own resolver"
                + " for a few minutes, so a hotel's sign-in page can be found; the kernel closes it by itself.");
        spec.addSubcommand("open", new PortalOpenCommand(agent).spec());
        spec.addSubcommand("close", new PortalCloseCommand(agent).spec());
        spec.addSubcommand("status", new PortalStatusCommand(agent).spec());
        return spec;
    }

    /** Without a sub-verb: its usage, and a usage error. */
    @Override
    public Integer call() {
        agent.err().println("usage error: name one of open, close, status");
        spec.commandLine().usage(agent.err());
        return 2;
    }

    /** The window's own journal, beside the policy journals but apart from them (see ChangeJournal). */
    static StateDir journal(AgentCommand agent) {
        return new StateDir(Session.stateDir(agent).resolve("portal"), Json.journal(agent.context.platforms()));
    }

    /**
     * The window of the platform that serves this host; a host without one says why (exit 1, the
     * host cannot), as schedule install does without its scheduler.
     */
    static PortalWindow window(AgentCommand agent, String verb) throws UnsupportedHostException {
        if (agent.root() != null) {
            throw new IllegalArgumentException("portal " + verb + " changes a running kernel's firewall; it does not take --root");
        }
        Platform platform = Platforms.select(agent.context.platforms(), agent.context.host());
        return platform.portalWindow().orElseThrow(() -> new UnsupportedHostException("this host ("
                + agent.context.host().osName() + ") cannot open a captive-portal window: leakguard opens one only where the"
                + " firewall itself closes it at its end (Linux nft set elements with a timeout), so that no stopped agent can"
                + " leave it open; nothing was changed"));
    }

    /** The portal logic over the live host, its journal under the state folder. */
    static Portals portals(AgentCommand agent, PortalWindow window) {
        Host host = ScheduleCommand.liveHost(agent);
        return new Portals(window, host, journal(agent), agent.context.clock());
    }

    /** Runs {@code work} under the state folder's run lock, so no apply reloads the table meanwhile. */
    static <T> T locked(AgentCommand agent, Callable<T> work) throws Exception {
        StateDir state = new StateDir(Session.stateDir(agent), Json.MAPPER);
        state.prepare();
        journal(agent).prepare();
        RunLock lock = RunLock.acquire(state.path(), Duration.ofSeconds(agent.waitSeconds()));
        try {
            return work.call();
        } finally {
            lock.close();
        }
    }

    /**
     * For every locked run: journals the close of a window whose time ran out since the last run,
     * so the journal never shows a window open longer than it was. Nothing is read where no window
     * was ever opened; a failure is said, not thrown: the run's own work comes first.
     */
    static List<String> recordClosed(Platform platform, Host host, java.nio.file.Path stateDir, java.time.Clock clock) {
        java.nio.file.Path dir = stateDir.resolve("portal");
        // The folder first: on most runs it is absent, and nothing else is loaded or read.
        if (!java.nio.file.Files.isDirectory(dir.resolve("transactions")) || host.offline() || platform.portalWindow().isEmpty()) {
            return List.of();
        }
        try {
            StateDir journal = new StateDir(dir, Json.journal(List.of(platform)));
            return new Portals(platform.portalWindow().get(), host, journal, clock).recover();
        } catch (java.io.IOException | RuntimeException e) {
            return List.of("could not record the captive-portal window's state: " + org.leakguard.agent.host.ErrorText.of(e)
                    + "; `agent portal status` tries again");
        }
    }

    static int print(AgentCommand agent, Object json, List<String> lines) throws Exception {
        PrintWriter out = agent.out();
        if (agent.format() == AgentCommand.Format.json) {
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } else {
            lines.forEach(out::println);
        }
        out.flush();
        return 0;
    }
}
