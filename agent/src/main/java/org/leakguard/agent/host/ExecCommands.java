package org.leakguard.agent.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/** Runs programs through Apache Commons Exec, argv only: no shell ever parses an argument. */
public final class ExecCommands implements Commands {
    private static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

    @Override
    public CommandResult run(Command command) throws IOException {
        CommandLine line = new CommandLine(locate(command.argv().get(0)));
        for (String arg : command.argv().subList(1, command.argv().size())) {
            line.addArgument(arg, false);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayInputStream in = command.input() == null
                ? null
                : new ByteArrayInputStream(command.input().getBytes(StandardCharsets.UTF_8));
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(command.timeout()).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(out, err, in));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(line);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        }
        if (watchdog.killedProcess()) {
            throw new IOException("timed out after " + command.timeout().toSeconds() + "s: " + command);
        }
        return new CommandResult(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A bare program name is looked up on PATH and then in the system folders: cron and systemd
     * timers start the agent with a PATH that often lacks /usr/sbin, where nft and sysctl live.
     * A path is run as given: the Windows platform names every program by its absolute path.
     */
    static String locate(String program) throws IOException {
        return locate(program, System.getenv("PATH"), java.io.File.pathSeparatorChar,
                System.getProperty("os.name", "").startsWith("Windows"));
    }

    /**
     * On Windows a bare name is refused: Windows would look in the current folder first and then
     * on PATH (split on ';', not ':'), where a user-writable entry can plant a program that runs as
     * SYSTEM. Elsewhere PATH is split on {@code separator}, then the system folders are tried.
     */
    static String locate(String program, String path, char separator, boolean windows) throws IOException {
        if (program.contains("/") || program.contains("\\")) {
            return program;
        }
        if (windows) {
            throw new IOException("refusing to run \"" + program + "\" by a bare name on Windows: it would be looked up"
                    + " in the current folder and on PATH; leakguard runs Windows programs only by their absolute path");
        }
        List<String> dirs = new ArrayList<>(path == null ? List.of() : List.of(path.split(java.util.regex.Pattern.quote(
                String.valueOf(separator)))));
        dirs.addAll(SYSTEM_DIRS);
        for (String dir : dirs) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program).toString();
            }
        }
        return program;
    }
}
