package org.leakguard.agent.host;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.LogOutputStream;
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
     * Starts a program that does not end by itself (a monitor) and hands each line it prints to
     * {@code onLine}, on a thread of its own; argv only, like {@link #run}. Closing the handle ends it.
     */
    public static Following follow(List<String> argv, Consumer<String> onLine) throws IOException {
        CommandLine line = new CommandLine(locate(argv.get(0)));
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false);
        }
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(ExecuteWatchdog.INFINITE_TIMEOUT_DURATION).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setStreamHandler(new PumpStreamHandler(new LogOutputStream() {
            @Override
            protected void processLine(String text, int level) {
                onLine.accept(text);
            }
        }, OutputStream.nullOutputStream(), InputStream.nullInputStream()));
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
        executor.execute(line, result);
        return new Following(watchdog, result);
    }

    /** A program started by {@link #follow}. */
    public static final class Following implements AutoCloseable {
        private final ExecuteWatchdog watchdog;
        private final DefaultExecuteResultHandler result;

        private Following(ExecuteWatchdog watchdog, DefaultExecuteResultHandler result) {
            this.watchdog = watchdog;
            this.result = result;
        }

        /** Waits for the program to end; its exit code, or why it could not run. */
        public int waitFor() throws IOException, InterruptedException {
            result.waitFor();
            ExecuteException e = result.getException();
            if (e != null && e.getCause() instanceof IOException io) {
                throw io;
            }
            return result.getExitValue();
        }

        @Override
        public void close() {
            watchdog.destroyProcess();
        }
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
