package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code agent} command line. Only {@link #main} calls System.exit. */
public final class Main {
    private Main() {}

    /**
     * picocli registers converters for java.sql and java.time types by reflection when a command
     * line is built (loading JDBC's DriverManager among others) and probes the terminal for ANSI
     * support; leakguard uses neither, and both cost start-up on every cron run.
     */
    static void lightenPicocli() {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*|java\\.time\\..*|java\\.util\\.Currency");
        }
        if (System.getProperty("picocli.ansi") == null) {
            System.setProperty("picocli.ansi", "false");
        }
    }

    /**
     * The JVM keeps names it resolved for 30 s (10 s for "no such name") unless told otherwise,
     * read once at the first lookup. A probe name asks the host's DNS as it is now, and a watch
     * runs for days: every lookup goes to the OS resolver, which keeps its own cache as the
     * host's applications see it.
     */
    static void freshLookups() {
        java.security.Security.setProperty("networkaddress.cache.ttl", "0");
        java.security.Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    public static void main(String[] args) {
        freshLookups();
        lightenPicocli();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(Context.system(Verbs.readsPolicy(Verbs.requested(args))), out, err, args));
    }

    /** Runs one command line with the given surroundings and streams; returns the exit code. */
    public static int run(Context context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AgentCommand(context).spec());
        Verbs.register(cli, args);
        PrintWriter shownOut = new PrintWriter(new ControlEscapes(out));
        PrintWriter shownErr = new PrintWriter(new ControlEscapes(err));
        cli.setOut(shownOut);
        cli.setErr(shownErr);
        Failures failures = new Failures(cli);
        cli.setExecutionExceptionHandler(failures);
        cli.setParameterExceptionHandler(failures);
        cli.setExecutionStrategy(new Prepared(context));
        int code = cli.execute(args);
        shownOut.flush();
        shownErr.flush();
        return code;
    }

    /** As picocli's default, once the run's surroundings are ready; help needs none of them. */
    private static final class Prepared implements CommandLine.IExecutionStrategy {
        private final Context context;

        Prepared(Context context) {
            this.context = context;
        }

        @Override
        public int execute(CommandLine.ParseResult parsed) {
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            context.prepare();
            return new CommandLine.RunLast().execute(parsed);
        }
    }
}
