package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code agent} command line. Only {@link #main} calls System.exit. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(Context.system(), out, err, args));
    }

    /** Runs one command line with the given surroundings and streams; returns the exit code. */
    public static int run(Context context, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new AgentCommand(context));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new Failures(cli));
        cli.setParameterExceptionHandler(Failures::usage);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
