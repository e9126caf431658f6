package org.leakguard.platform.linux;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.ExecCommands;

/**
 * A throwaway network namespace with its loopback up; closing kills what still runs in it (a
 * daemon's forked helpers outlive the process a test started) and deletes it with all its links.
 */
final class Netns implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String name;

    private Netns(String name) {
        this.name = name;
    }

    /** {@code lg-<tag>-<random>}: unique per run, so parallel runs never share one. */
    static Netns create(String tag) throws IOException {
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        Netns ns = new Netns("lg-" + tag + "-" + HexFormat.of().formatHex(id));
        Sandbox.run("ip", "netns", "add", ns.name);
        try {
            Sandbox.run("ip", "-n", ns.name, "link", "set", "lo", "up");
        } catch (IOException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    String name() {
        return name;
    }

    /** The argv run inside this namespace. */
    List<String> inside(List<String> argv) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(argv);
        return full;
    }

    /** Runs a command inside; a non-zero exit is returned, not thrown. */
    CommandResult exec(String input, String... argv) throws IOException {
        return new ExecCommands().run(new Command(inside(List.of(argv)), input, null));
    }

    /** Runs a command inside and throws when it fails. */
    CommandResult run(String... argv) throws IOException {
        return Sandbox.check(exec(null, argv), argv);
    }

    @Override
    public void close() throws IOException {
        try {
            CommandResult pids = new ExecCommands().run(Command.of("ip", "netns", "pids", name));
            pids.stdout().lines().map(String::strip).filter(l -> l.matches("\\d+")).map(Long::parseLong)
                    .flatMap(pid -> ProcessHandle.of(pid).stream()).forEach(ProcessHandle::destroyForcibly);
        } finally {
            Sandbox.run("ip", "netns", "del", name);
        }
    }
}
