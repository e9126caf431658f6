package org.leakguard.platform.linux;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Commands;

/**
 * A host without nft: running it fails as a missing program does, and every iptables program is
 * run as one backend's variant ({@code iptables-legacy-save}, {@code ip6tables-nft-restore}). A
 * path argument under /etc/leakguard is the test root's file, which the host's Files wrote.
 */
final class IptablesOnlyCommands implements Commands {
    private final Commands real;
    private final String backend;
    private final Path root;

    IptablesOnlyCommands(Commands real, String backend, Path root) {
        this.real = real;
        this.backend = backend;
        this.root = root;
    }

    @Override
    public CommandResult run(Command command) throws IOException {
        String program = command.argv().get(0);
        if (program.equals("nft")) {
            throw new IOException("Cannot run program \"nft\": error=2, No such file or directory");
        }
        List<String> argv = new ArrayList<>(command.argv());
        argv.set(0, variant(program));
        argv.replaceAll(a -> a.startsWith("/etc/leakguard/") ? root.resolve(a.substring(1)).toString() : a);
        return real.run(new Command(argv, command.input(), command.timeout()));
    }

    private String variant(String program) {
        for (String family : List.of("ip6tables", "iptables")) {
            if (program.equals(family) || program.startsWith(family + "-")) {
                return family + "-" + backend + program.substring(family.length());
            }
        }
        return program;
    }
}
