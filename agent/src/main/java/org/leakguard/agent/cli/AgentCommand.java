package org.leakguard.agent.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/** {@code agent}: the options every verb shares, and the exit codes. */
final class AgentCommand {
    final Context context;
    private final OptionSpec format = inherited(Args.option("--format", Format.class, "text|json",
            "Output on stdout: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").defaultValue("text"));
    private final OptionSpec report = inherited(Args.option("--report", Path.class, "FILE", "Also write the JSON report to FILE."));
    private final OptionSpec stateDir = inherited(Args.option("--state-dir", Path.class, "DIR",
            "Journals and lock (default: /var/lib/leakguard; under --root, DIR/var/lib/leakguard)."));
    private final OptionSpec root = inherited(Args.option("--root", Path.class, "DIR",
            "Apply file changes under DIR (an offline image); runs no commands and no probes."));
    private final OptionSpec waitSeconds = inherited(Args.option("--wait", int.class, "SECONDS",
            "Wait this long for another run to finish (default: ${DEFAULT-VALUE}).").defaultValue("0"));
    private final OptionSpec prometheus = inherited(Args.option("--prometheus", Path.class, "FILE",
            "Also write Prometheus metrics to FILE (node_exporter textfile format, replaced atomically; the folder must exist)."));
    private final OptionSpec junit = inherited(Args.option("--junit", Path.class, "FILE",
            "Also write a JUnit XML report to FILE, for CI gates: non-compliant fails, unknown errs."));
    private final OptionSpec syslog = inherited(Args.flag(
            "Also log one line for the run: syslog/journald (logger) on Linux and macOS, the Event Log on Windows.", "--syslog"));
    private final OptionSpec verbose = inherited(Args.flag("Show stack traces of errors.", "-v", "--verbose"));
    private final OptionSpec strictPolicyPerms = inherited(Args.flag("Refuse, rather than warn of, a policy file that"
            + " group or others may write or another user owns.", "--strict-policy-perms"));

    private CommandSpec spec;

    AgentCommand(Context context) {
        this.context = context;
    }

    enum Format {
        text,
        json
    }

    /** The model, built once; INHERIT passes the options, help options and exit code list on to every verb. */
    CommandSpec spec() {
        if (spec == null) {
            spec = build();
        }
        return spec;
    }

    private CommandSpec build() {
        CommandSpec top = Args.command(this, "agent",
                "Closes DNS leaks: applies a leakguard policy, verifies it with real traffic, rolls back on failure.");
        top.scopeType(ScopeType.INHERIT).versionProvider(new Version());
        top.usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes());
        for (OptionSpec o : new OptionSpec[] {format, report, prometheus, junit, syslog, stateDir, root, waitSeconds,
                strictPolicyPerms, verbose}) {
            top.addOption(o);
        }
        // What mixinStandardHelpOptions adds, without the reflection it costs.
        top.addOption(inherited(Args.flag("Show this help message and exit.", "-h", "--help").usageHelp(true)));
        top.addOption(inherited(Args.flag("Print version information and exit.", "-V", "--version").versionHelp(true)));
        return top;
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "compliant, or remediated and verified, or out of the policy's scope (not-applicable)");
        codes.put("1", "unexpected error");
        codes.put("2", "usage error or invalid policy");
        codes.put("3", "non-compliant (check) or changes pending (plan)");
        codes.put("4", "verification failed and everything was rolled back");
        codes.put("5", "rollback incomplete, needs a person");
        return codes;
    }

    private static OptionSpec inherited(OptionSpec.Builder option) {
        return option.scopeType(ScopeType.INHERIT).build();
    }

    /** The streams picocli was given; every verb shares them. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    Format format() {
        return format.getValue();
    }

    Path report() {
        return report.getValue();
    }

    Path prometheus() {
        return prometheus.getValue();
    }

    Path junit() {
        return junit.getValue();
    }

    boolean syslog() {
        return Args.given(syslog);
    }

    Path stateDir() {
        return stateDir.getValue();
    }

    Path root() {
        return root.getValue();
    }

    int waitSeconds() {
        return waitSeconds.getValue();
    }

    boolean verbose() {
        return Args.given(verbose);
    }

    boolean strictPolicyPerms() {
        return Args.given(strictPolicyPerms);
    }
}
