package org.leakguard.agent.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.leakguard.agent.engine.Platforms;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.ExecCommands;
import org.leakguard.agent.host.HostInfo;
import org.leakguard.agent.policy.PolicyLoader;
import org.leakguard.agent.policy.PublicDoh;
import org.leakguard.agent.probe.LeakProbes;
import org.leakguard.agent.probe.Verifier;
import org.leakguard.agent.spi.Platform;

/**
 * What a run needs from its surroundings; tests pass their own. Each part is worked out once, on
 * first use, unless {@link #system} already started it on another thread.
 *
 * <p>The live parts are anonymous classes, not lambdas: a lambda is linked when first run, and on
 * this path the linking cost start-up more than the classes do.
 */
public final class Context {
    private final FutureTask<List<Platform>> platforms;
    private final FutureTask<HostInfo> host;
    private final FutureTask<Verifier> verifier;
    private final Commands commands;
    private final Clock clock;
    private final String launcher;
    private final List<FutureTask<?>> started;

    public Context(List<Platform> platforms, HostInfo host, Commands commands, Verifier verifier, Clock clock) {
        this(platforms, host, commands, verifier, clock, null);
    }

    public Context(List<Platform> platforms, HostInfo host, Commands commands, Verifier verifier, Clock clock, String launcher) {
        this(done(List.copyOf(platforms)), done(host), done(verifier), commands, clock, launcher, List.of());
    }

    private Context(FutureTask<List<Platform>> platforms, FutureTask<HostInfo> host, FutureTask<Verifier> verifier,
            Commands commands, Clock clock, String launcher, List<FutureTask<?>> started) {
        this.platforms = platforms;
        this.host = host;
        this.verifier = verifier;
        this.commands = commands;
        this.clock = clock;
        this.launcher = launcher;
        this.started = started;
    }

    /**
     * The live host; {@code leakguard.launcher} is set by bin/agent so timers can call the agent back.
     * With {@code readsPolicy}, two threads start on what the verb will need while picocli builds
     * its model on this one: Jackson's policy mapper, the slowest part, then the platforms
     * (ServiceLoader opens every jar) on one; the host name, the JDK's SHA-256 and the public DoH
     * list on the other.
     * Only the first touches Jackson, even should a platform's class use it when loaded.
     */
    public static Context system(boolean readsPolicy) {
        FutureTask<List<Platform>> platforms = new FutureTask<>(new Callable<>() {
            @Override
            public List<Platform> call() {
                return Platforms.installed();
            }
        });
        FutureTask<HostInfo> host = new FutureTask<>(new Callable<>() {
            @Override
            public HostInfo call() {
                return HostInfo.current();
            }
        });
        List<FutureTask<?>> started = List.of();
        if (readsPolicy) {
            FutureTask<Void> reader = warmUpReader();
            FutureTask<Void> digest = warmUpDigest();
            FutureTask<Void> publicDoh = warmUpPublicDoh();
            started = List.of(reader, platforms, host, digest);
            start("leakguard-start-1", reader, platforms);
            start("leakguard-start-2", host, digest, publicDoh);
        }
        return new Context(platforms, host, probes(), new ExecCommands(), Clock.systemUTC(),
                System.getProperty("leakguard.launcher"), started);
    }

    /**
     * Called before a verb runs: waits for what {@link #system} started. Nothing before this point
     * touches Jackson, so no class is initialised by two threads at once. A failure is left for the
     * verb to meet when it asks for that part, and report.
     */
    void prepare() {
        for (FutureTask<?> task : started) {
            try {
                task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // Met again, and reported, where the verb asks for it.
            }
        }
    }

    public List<Platform> platforms() {
        return result(platforms);
    }

    public HostInfo host() {
        return result(host);
    }

    public Commands commands() {
        return commands;
    }

    /** The leak probes, made when first asked for: most checks run none. */
    public Verifier verifier() {
        return result(verifier);
    }

    public Clock clock() {
        return clock;
    }

    public String launcher() {
        return launcher;
    }

    private static FutureTask<Verifier> probes() {
        return new FutureTask<>(new Callable<>() {
            @Override
            public Verifier call() {
                return new LeakProbes();
            }
        });
    }

    private static FutureTask<Void> warmUpReader() {
        return warmUp(new Runnable() {
            @Override
            public void run() {
                PolicyLoader.warmUpReader();
            }
        });
    }

    private static FutureTask<Void> warmUpDigest() {
        return warmUp(new Runnable() {
            @Override
            public void run() {
                PolicyLoader.warmUpDigest();
            }
        });
    }

    /**
     * The public DoH list, read from the agent's jar: a firewall plan needs it, and reading a
     * resource opens the jar a second time. Not waited for: a verb that needs the list first
     * waits on its class initialisation instead.
     */
    private static FutureTask<Void> warmUpPublicDoh() {
        return warmUp(new Runnable() {
            @Override
            public void run() {
                PublicDoh.addresses();
            }
        });
    }

    /** A warm-up only ever saves time: if it fails, the real work meets the problem and reports it. */
    private static FutureTask<Void> warmUp(Runnable work) {
        return new FutureTask<>(new Runnable() {
            @Override
            public void run() {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // The real work runs cold.
                }
            }
        }, null);
    }

    /** Daemon threads: a run that ends early (help, a usage error) does not wait for them. */
    private static void start(String name, FutureTask<?>... tasks) {
        Thread t = new Thread(new Runnable() {
            @Override
            public void run() {
                for (FutureTask<?> task : tasks) {
                    task.run();
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static <T> FutureTask<T> done(T value) {
        FutureTask<T> task = new FutureTask<>(new Runnable() {
            @Override
            public void run() {
                // Known already.
            }
        }, value);
        task.run();
        return task;
    }

    /** Runs the task here unless another thread already does, then waits for it; its failure is ours. */
    private static <T> T result(FutureTask<T> task) {
        task.run();
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting up", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }
}
