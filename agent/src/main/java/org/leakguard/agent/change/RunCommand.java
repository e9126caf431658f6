package org.leakguard.agent.change;

import java.io.IOException;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;

import java.util.List;

/**
 * A command with its inverse ({@code systemctl reload ...}); an empty {@code undo} means there is
 * nothing to take back (a cache flush).
 */
public record RunCommand(List<String> argv, List<String> undo, String why) implements Change {

    public RunCommand {
        argv = List.copyOf(argv);
        undo = List.copyOf(undo);
    }

    @Override
    public String target() {
        return argv.get(0);
    }

    @Override
    public String summary() {
        return "run " + String.join(" ", argv) + ": " + why;
    }

    @Override
    public BeforeImage capture(Host host) {
        return new BeforeImage.Nothing();
    }

    @Override
    public void apply(Host host) throws IOException {
        Programs.check(host, new Command(argv, null, null));
    }

    @Override
    public void undo(Host host, BeforeImage before) throws IOException {
        if (!undo.isEmpty()) {
            Programs.check(host, new Command(undo, null, null));
        }
    }
}
