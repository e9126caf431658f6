package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;

/** What a sandbox test needs from the machine: root and a few programs. It never changes the host. */
final class Sandbox {
    private static final List<String> BIN = List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Sandbox() {}

    /** Root (from /proc/self/status, read-only) and every named program installed. */
    static boolean usable(String... programs) {
        return isRoot() && List.of(programs).stream().allMatch(Sandbox::installed);
    }

    static String why(String... programs) {
        return "skipped: sandbox tests need root and " + String.join(", ", programs);
    }

    private static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean installed(String program) {
        return BIN.stream().anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /** Runs a command and fails the test setup when it fails. */
    static CommandResult run(String... argv) throws IOException {
        return check(new ExecCommands().run(Command.of(argv)), argv);
    }

    static CommandResult check(CommandResult r, String... argv) throws IOException {
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r;
    }
}
