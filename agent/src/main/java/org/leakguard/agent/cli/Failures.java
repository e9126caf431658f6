package org.leakguard.agent.cli;

import java.util.List;
import org.leakguard.agent.engine.LockedException;
import org.leakguard.agent.engine.UnsupportedHostException;
import org.leakguard.agent.policy.PolicyException;
import org.leakguard.agent.report.Report;
import org.leakguard.agent.report.Result;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParseResult;

/** The one place exceptions become exit codes and messages a person can act on. */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final CommandLine root;

    Failures(CommandLine root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        AgentCommand agent = root.getCommand();
        Result result = e instanceof PolicyException || e instanceof IllegalArgumentException ? Result.INVALID : Result.ERROR;
        String message = e instanceof PolicyException || e instanceof LockedException || e instanceof UnsupportedHostException
                ? e.getMessage()
                : describe(e);
        Report report = new Report(result, result.exitCode(), cmd.getCommandName(), null,
                new Report.HostRef(agent.context.host().name(), agent.context.host().osName()), null, 0,
                List.of(), List.of(), List.of(message));
        if (agent.format() == AgentCommand.Format.json) {
            Output.emit(agent, report);
        } else {
            Output.writeFile(agent, report);
        }
        cmd.getErr().println((result == Result.INVALID ? "invalid: " : "error: ") + message);
        if (agent.verbose()) {
            e.printStackTrace(cmd.getErr());
        } else if (result == Result.ERROR && !(e instanceof LockedException) && !(e instanceof UnsupportedHostException)) {
            cmd.getErr().println("(run with -v for the stack trace)");
        }
        cmd.getErr().flush();
        return result.exitCode();
    }

    /** Usage errors: the message, the usage of the verb, exit 2. */
    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("usage error: " + e.getMessage());
        cmd.usage(cmd.getErr());
        return 2;
    }

    private static String describe(Exception e) {
        return org.leakguard.agent.host.ErrorText.of(e);
    }
}
