package org.leakguard.agent.change;

import java.io.IOException;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.Host;

/**
 * Tells a service to read its configuration again ({@code systemctl reload NetworkManager}). Plan
 * it after the files it depends on. Undo does nothing in place: a rollback reloads every such
 * service once more after all files are restored, so the service ends up reading the old ones.
 */
public record Reload(List<String> argv, String why) implements Change {

    public Reload {
        argv = List.copyOf(argv);
    }

    @Override
    public String target() {
        return String.join(" ", argv);
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
    public void undo(Host host, BeforeImage before) {
        // Deferred: see the class comment.
    }
}
