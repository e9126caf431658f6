package org.leakguard.platform.linux;

import java.io.IOException;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;
import org.leakguard.agent.host.ExecCommands;

/** Real commands, each run inside one namespace: nft there changes nothing on the host. */
final class NetnsCommands implements Commands {
    private final Netns ns;
    private final Commands real = new ExecCommands();

    NetnsCommands(Netns ns) {
        this.ns = ns;
    }

    @Override
    public CommandResult run(Command command) throws IOException {
        return real.run(new Command(ns.inside(command.argv()), command.input(), command.timeout()));
    }
}
