package org.leakguard.agent.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code agent}: the options every verb shares. */
@Command(
        name = "agent",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Closes DNS leaks: applies a leakguard policy, verifies it with real traffic, rolls back on failure.",
        scope = ScopeType.INHERIT,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:compliant, or remediated and verified",
            "1:unexpected error",
            "2:usage error or invalid policy",
            "3:non-compliant (check) or changes pending (plan)",
            "4:verification failed and everything was rolled back",
            "5:rollback incomplete, needs a person"
        })
final class AgentCommand {
    final Context context;

    @Option(names = "--format", scope = ScopeType.INHERIT, defaultValue = "text", paramLabel = "text|json",
            description = "Output on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--report", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Also write the JSON report to FILE.")
    Path report;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Journals and lock (default: /var/lib/leakguard; under --root, DIR/var/lib/leakguard).")
    Path stateDir;

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Apply file changes under DIR (an offline image); runs no commands and no probes.")
    Path root;

    @Option(names = "--wait", scope = ScopeType.INHERIT, defaultValue = "0", paramLabel = "SECONDS",
            description = "Wait this long for another run to finish (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    AgentCommand(Context context) {
        this.context = context;
    }

    enum Format {
        text,
        json
    }
}
