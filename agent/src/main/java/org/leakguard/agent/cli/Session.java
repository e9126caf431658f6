package org.leakguard.agent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.leakguard.agent.engine.Engine;
import org.leakguard.agent.engine.LockedException;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.engine.RunLock;
import org.leakguard.agent.engine.StateDir;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.host.Host;
import org.leakguard.agent.host.LocalFiles;
import org.leakguard.agent.host.OfflineCommands;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Platform;

/** One run's platform, host, state folder and (for verbs that change or verify) the run lock. */
final class Session implements AutoCloseable {
    static final Path DEFAULT_STATE = Path.of("/var/lib/leakguard");

    /** /var/lib/leakguard; on Windows %ProgramData%\\leakguard, where services keep their state. */
    static Path defaultState() {
        if (!System.getProperty("os.name", "").startsWith("Windows")) {
            return DEFAULT_STATE;
        }
        String programData = System.getenv("ProgramData");
        return Path.of(programData == null || programData.isBlank() ? "C:\\ProgramData" : programData, "leakguard");
    }

    final Platform platform;
    final Host host;
    final StateDir state;
    final Engine engine;
    private final RunLock lock;
    final List<String> recovered;

    private Session(AgentCommand agent, boolean exclusive) throws IOException, LockedException, UnsupportedHostException {
        Context ctx = agent.context;
        this.platform = Platforms.select(ctx.platforms(), ctx.host());
        boolean offline = agent.root() != null;
        this.host = platform.attach(new Host(ctx.host(), new LocalFiles(offline ? agent.root() : Path.of("/")),
                offline ? new OfflineCommands() : ctx.commands(), offline, ctx.clock()));
        this.state = new StateDir(stateDir(agent), () -> Json.journal(List.of(platform)));
        Verifier verifier = offline ? Verifier.UNAVAILABLE : ctx.verifier();
        this.engine = new Engine(platform, host, state, verifier, ctx.clock());
        if (exclusive) {
            state.prepare();
            this.lock = RunLock.acquire(state.path(), Duration.ofSeconds(agent.waitSeconds()));
            List<String> said = new java.util.ArrayList<>(engine.recover());
            said.addAll(PortalCommand.recordClosed(platform, host, state.path(), ctx.clock()));
            this.recovered = said;
        } else {
            this.lock = null;
            this.recovered = List.of();
        }
    }

    /** For apply, check and rollback: takes the lock and rolls back what a killed run left unfinished. */
    static Session exclusive(AgentCommand agent) throws IOException, LockedException, UnsupportedHostException {
        return new Session(agent, true);
    }

    /** For read-only verbs: no lock, no recovery. */
    static Session readOnly(AgentCommand agent) throws IOException, LockedException, UnsupportedHostException {
        return new Session(agent, false);
    }

    /** Whether this run holds the run lock (apply, check, rollback, confirm), and so may write the state folder. */
    boolean locked() {
        return lock != null;
    }

    static Path stateDir(AgentCommand agent) {
        if (agent.stateDir() != null) {
            return agent.stateDir();
        }
        if (agent.root() == null) {
            return defaultState();
        }
        try {
            return new LocalFiles(agent.root()).resolve("/var/lib/leakguard");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the state folder under --root: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.close();
        }
    }
}
