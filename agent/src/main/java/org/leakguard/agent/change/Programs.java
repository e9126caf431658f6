package org.leakguard.agent.change;

import java.io.IOException;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Running a command whose failure must stop the change. */
final class Programs {
    private Programs() {}

    static CommandResult check(Host host, Command command) throws IOException {
        CommandResult r = host.commands().run(command);
        if (!r.ok()) {
            throw new IOException(command + " exited " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r;
    }
}
