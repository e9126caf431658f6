package org.leakguard.agent.host;

import java.io.IOException;

/** Under {@code --root DIR} no command runs: the image is not a running host. */
public final class OfflineCommands implements Commands {
    @Override
    public CommandResult run(Command command) throws IOException {
        throw new IOException("not run under --root (offline image): " + command);
    }
}
