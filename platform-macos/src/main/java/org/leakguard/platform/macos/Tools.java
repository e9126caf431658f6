package org.leakguard.platform.macos;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.leakguard.agent.host.Command;
import org.leakguard.agent.host.CommandResult;
import org.leakguard.agent.host.Host;

/** Running macOS tools (networksetup, pfctl, scutil, profiles): argv only; a failure carries what the tool said. */
final class Tools {
    static final String NETWORKSETUP = "networksetup";

    private Tools() {}

    /** The standard output of a command that must succeed. */
    static String stdout(Host host, List<String> argv) throws IOException {
        return check(host, argv, null).stdout();
    }

    static CommandResult check(Host host, List<String> argv, String input) throws IOException {
        CommandResult r = host.commands().run(new Command(argv, input, null));
        // networksetup reports some errors with exit 0 and a "** Error" line.
        if (!r.ok() || r.stdout().startsWith("** Error")) {
            throw new IOException(String.join(" ", argv) + " exited " + r.exitCode() + ": "
                    + (r.stderr().isBlank() ? r.stdout() : r.stderr()).strip());
        }
        return r;
    }

    static List<String> argv(String option, String service, List<String> values) {
        List<String> out = new ArrayList<>(List.of(NETWORKSETUP, option, ServiceName.check(service)));
        out.addAll(values);
        return List.copyOf(out);
    }
}
